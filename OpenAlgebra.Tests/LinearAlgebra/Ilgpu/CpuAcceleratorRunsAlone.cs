namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>
/// The tests on ILGPU's CPU accelerator run by themselves, one class at a time: the accelerator simulates a GPU group
/// with a spinning thread per lane, and next to other tests on a small machine it starves them, enough to upset the
/// timing-sensitive ones (the CPU backend's worker team, allocation counts).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuAcceleratorRunsAlone
{
    public const string Name = "ILGPU CPU accelerator";
}
