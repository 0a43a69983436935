using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OpenAlgebra.Modules.Imaging;

public static class ImagingModule
{
    /// <summary>Registers the Imaging module's services. It owns no services yet; the composition root already calls it.</summary>
    public static IServiceCollection AddImaging(this IServiceCollection services, IConfiguration configuration) => services;
}
