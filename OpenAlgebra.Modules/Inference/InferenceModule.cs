using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Engines.LungCt;
using OpenAlgebra.Modules.Inference.Engines.Quantify;
using OpenAlgebra.Modules.Inference.Engines.RandomWalker;
using OpenAlgebra.Modules.Inference.Engines.TvDenoise;

namespace OpenAlgebra.Modules.Inference;

public static class InferenceModule
{
    /// <summary>Registers the Inference module's services: the analysis engines, each one stateless singleton.</summary>
    public static IServiceCollection AddInference(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IAnalysisEngine, QuantifyEngine>();
        services.AddSingleton<IAnalysisEngine, TvDenoiseEngine>();
        services.AddSingleton<IAnalysisEngine, LungCtEngine>();
        services.AddSingleton<IAnalysisEngine, RandomWalkerEngine>();
        return services;
    }
}
