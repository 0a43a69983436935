using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenAlgebra.Modules.Inference.Analyses;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Engines.LungCt;
using OpenAlgebra.Modules.Inference.Engines.Quantify;
using OpenAlgebra.Modules.Inference.Engines.RandomWalker;
using OpenAlgebra.Modules.Inference.Engines.TvDenoise;
using OpenAlgebra.Modules.Inference.Jobs;
using OpenAlgebra.Modules.Inference.Registry;
using OpenAlgebra.Modules.Inference.Results;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Inference;

public static class InferenceModule
{
    /// <summary>
    /// The analysis engines (each one stateless singleton), the engine registry (versions, validation gate, activation,
    /// rollback), analyses as Hangfire jobs with their results (NIfTI mask, DICOM Segmentation, metrics, derived
    /// series), and the <c>OpenAlgebra:Analyses</c> options.
    /// </summary>
    public static IServiceCollection AddInference(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IAnalysisEngine, QuantifyEngine>();
        services.AddSingleton<IAnalysisEngine, TvDenoiseEngine>();
        services.AddSingleton<IAnalysisEngine, LungCtEngine>();
        services.AddSingleton<IAnalysisEngine, RandomWalkerEngine>();

        services.AddOptions<AnalysisOptions>().Bind(configuration.GetSection(AnalysisOptions.Section))
            .Validate(o => o.TimeLimitMinutes >= 1, $"{AnalysisOptions.Section}:TimeLimitMinutes must be at least 1.")
            .Validate(o => o.MaxAttempts is >= 1 and <= AnalysisOptions.MostAttempts,
                $"{AnalysisOptions.Section}:MaxAttempts must be 1 to {AnalysisOptions.MostAttempts}.")
            .Validate(o => o.MaskCacheMegabytes >= 1, $"{AnalysisOptions.Section}:MaskCacheMegabytes must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMigrationSource, InferenceMigrations>();
        services.AddSingleton<EngineCatalog>();
        services.AddSingleton<EngineVersionStore>();
        services.AddSingleton<EngineRegistry>();
        services.AddSingleton<IEngineRegistry>(sp => sp.GetRequiredService<EngineRegistry>());
        services.AddSingleton<AnalysisStore>();
        services.AddSingleton<ResultViews>();
        services.AddSingleton<IResultViews>(sp => sp.GetRequiredService<ResultViews>());
        services.AddSingleton<MaskInputs>();
        services.AddSingleton<ResultWriter>();
        services.AddSingleton<RunningAnalyses>();
        services.AddSingleton<AnalysisQueue>();
        services.AddSingleton<IAnalysisService, AnalysisService>();
        services.AddSingleton<IInferenceStartup, InferenceStartup>();
        services.AddTransient<AnalysisJob>();
        return services;
    }
}
