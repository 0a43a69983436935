using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Inference;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.LinearAlgebra;

namespace OpenAlgebra.Tests.Inference;

/// <summary>The engines as the composition root registers them, with the LinearAlgebra module's solver on the CPU.</summary>
internal static class InferenceServices
{
    private static readonly Lazy<ServiceProvider> Provider = new(() =>
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OpenAlgebra:LinearAlgebra:Backend"] = "Cpu" })
            .Build();
        return new ServiceCollection().AddLogging().AddLinearAlgebra(configuration).AddInference(configuration).BuildServiceProvider();
    });

    public static IReadOnlyList<IAnalysisEngine> Engines => [.. Provider.Value.GetServices<IAnalysisEngine>()];

    public static IAnalysisEngine Engine(string name) => Engines.Single(e => e.Name == name);
}
