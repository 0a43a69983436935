using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OpenAlgebra.Modules.Inference;

public static class InferenceModule
{
    /// <summary>Registers the Inference module's services. It owns no services yet; the composition root already calls it.</summary>
    public static IServiceCollection AddInference(this IServiceCollection services, IConfiguration configuration) => services;
}
