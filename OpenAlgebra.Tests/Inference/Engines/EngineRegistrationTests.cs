using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Tests.Inference.Engines;

public sealed class EngineRegistrationTests
{
    [Fact]
    public void The_module_registers_the_four_engines_once_each()
    {
        var engines = InferenceServices.Engines;

        Assert.Equal(["lung-ct", "quantify", "random-walker", "tv-denoise"], engines.Select(e => e.Name).Order());
        Assert.All(engines, e => Assert.Matches(@"^\d+\.\d+\.\d+$", e.Version));
        Assert.Equal(EngineWorkload.Heavy, InferenceServices.Engine("random-walker").Workload);
        Assert.True(InferenceServices.Engine("random-walker").RequiresSeeds);
        Assert.Equal(EngineWorkload.Light, InferenceServices.Engine("quantify").Workload);
    }

    [Fact]
    public void Every_engine_accepts_its_own_defaults_and_has_validation_cases()
    {
        foreach (var engine in InferenceServices.Engines)
        {
            var defaults = engine.DefaultParameters();

            EngineParameters.Read(engine, defaults);
            Assert.NotSame(defaults, engine.DefaultParameters());
            var cases = engine.ValidationCases().ToList();
            Assert.NotEmpty(cases);
            Assert.All(cases, c => Assert.Equal(c.Request.Volume.Voxels.Length, c.Truth.Labels.Length));
            Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
        }
    }
}
