using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;
using OpenAlgebra.Modules.LinearAlgebra.Jobs;
using OpenAlgebra.Modules.LinearAlgebra.Preconditioners;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.LinearAlgebra;

public static class LinearAlgebraModule
{
    /// <summary>
    /// The sparse solver (<see cref="ILinearSolver"/>) with its backend choice from <c>OpenAlgebra:LinearAlgebra</c> and
    /// its preconditioners, the GPU being ILGPU on the first CUDA device, looked for on the first solve that may use it;
    /// requested solves (<see cref="ISolveRequests"/>) with their table and <c>gpu</c>-queue jobs.
    /// </summary>
    public static IServiceCollection AddLinearAlgebra(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LinearAlgebraOptions>().Bind(configuration.GetSection(LinearAlgebraOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LinearAlgebraOptions>, LinearAlgebraOptionsValidator>();
        services.AddSingleton<IGpuBackendProvider>(_ => IlgpuBackendProvider.ForCuda());
        services.AddSingleton<BackendSelector>();
        services.AddSingleton<ILinearAlgebraBackendFactory>(sp => sp.GetRequiredService<BackendSelector>());
        services.AddSingleton<PreconditionerFactory>();
        services.AddSingleton<ILinearSolver, LinearSolver>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMigrationSource, LinearAlgebraMigrations>();
        services.AddSingleton<SolveJobStore>();
        services.AddSingleton<SolveObjects>();
        services.AddSingleton<SolveJobQueue>();
        services.AddTransient<SolveJobRunner>();
        services.AddSingleton<ISolveRequests, SolveRequests>();
        services.AddHostedService<SolveJobRecovery>();
        return services;
    }
}
