using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Engines.Quantify;

namespace OpenAlgebra.Modules.Inference;

public static class InferenceModule
{
    /// <summary>Registers the Inference module's services: the analysis engines, each one stateless singleton.</summary>
    public static IServiceCollection AddInference(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IAnalysisEngine, QuantifyEngine>();
        return services;
    }
}
