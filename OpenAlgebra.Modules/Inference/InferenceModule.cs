using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenAlgebra.Modules.Inference.Analyses;
using OpenAlgebra.Modules.Inference.Jobs;
using OpenAlgebra.Modules.Inference.Registry;
using OpenAlgebra.Modules.Inference.Results;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Inference;

public static class InferenceModule
{
    /// <summary>
    /// The engine registry (versions, validation gate, activation, rollback), analyses as Hangfire jobs with their
    /// results (NIfTI mask, DICOM Segmentation, metrics, derived series), and the <c>OpenAlgebra:Analyses</c> options.
    /// Engines themselves are registered as <see cref="Engines.IAnalysisEngine"/> singletons.
    /// </summary>
    public static IServiceCollection AddInference(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnalysisOptions>().Bind(configuration.GetSection(AnalysisOptions.Section))
            .Validate(o => o.TimeLimitMinutes >= 1, $"{AnalysisOptions.Section}:TimeLimitMinutes must be at least 1.")
            .Validate(o => o.MaxAttempts >= 1, $"{AnalysisOptions.Section}:MaxAttempts must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMigrationSource, InferenceMigrations>();
        services.AddSingleton<EngineCatalog>();
        services.AddSingleton<EngineVersionStore>();
        services.AddSingleton<EngineRegistry>();
        services.AddSingleton<IEngineRegistry>(sp => sp.GetRequiredService<EngineRegistry>());
        services.AddSingleton<AnalysisStore>();
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
