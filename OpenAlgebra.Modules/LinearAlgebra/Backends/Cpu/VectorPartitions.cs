namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;

/// <summary>
/// How a vector of a given length splits into partitions. The split depends on the length alone, not on the core count,
/// so a reduction adds the same partial sums in the same order on every run and every machine.
/// </summary>
internal static class VectorPartitions
{
    /// <summary>Below this a vector operation stays on the calling thread: waking workers would cost more than it saves.</summary>
    public const int ParallelThreshold = 1 << 15;

    /// <summary>About 128 KiB of doubles per partition: enough work to amortize a claim, small enough to balance.</summary>
    private const int ChunkLength = 1 << 14;

    public const int MaxPartitions = 1024;

    public static int Count(int length) =>
        length < ParallelThreshold ? 1 : (int)Math.Min(MaxPartitions, ((long)length + ChunkLength - 1) / ChunkLength);

    public static (int Start, int Length) Range(int length, int partitions, int partition)
    {
        var start = (int)((long)length * partition / partitions);
        var end = (int)((long)length * (partition + 1) / partitions);
        return (start, end - start);
    }
}
