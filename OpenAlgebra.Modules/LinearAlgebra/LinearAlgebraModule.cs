using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OpenAlgebra.Modules.LinearAlgebra;

public static class LinearAlgebraModule
{
    /// <summary>Registers the LinearAlgebra module's services. It owns no services yet; the composition root already calls it.</summary>
    public static IServiceCollection AddLinearAlgebra(this IServiceCollection services, IConfiguration configuration) => services;
}
