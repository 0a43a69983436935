namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;

/// <summary>
/// One kernel split into independent partitions. A backend keeps one instance per kernel and refills its fields before
/// each call, so handing work to <see cref="WorkerTeam"/> allocates nothing (a lambda would capture per call).
/// </summary>
internal abstract class PartitionedWork
{
    public abstract void Run(int partition);
}
