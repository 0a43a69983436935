using System.Buffers;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// Buffers for upload parts small enough to hold in memory instead of a temp file (a CT slice is about half a MiB), under
/// one process-wide budget: the temp file's creation, writes, truncation and rename were a tenth of an instance's
/// processor time. A part that outgrows its buffer, or arrives while the budget is spent, goes to a temp file as before,
/// so no request is ever held whole and memory stays bounded however many uploads run.
/// </summary>
internal sealed class SmallPartMemory
{
    /// <summary>The largest part held in memory; a pool bucket size, so a rented buffer is exactly this long.</summary>
    public const int PartLimit = 1 << 20;

    /// <summary>Memory all held parts may take together.</summary>
    public const long Budget = 64L << 20;

    private long _left = Budget;

    /// <summary>A buffer of <see cref="PartLimit"/> bytes, or null when the budget is spent.</summary>
    public byte[]? TryRent()
    {
        if (Interlocked.Add(ref _left, -PartLimit) < 0)
        {
            Interlocked.Add(ref _left, PartLimit);
            return null;
        }

        return ArrayPool<byte>.Shared.Rent(PartLimit);
    }

    public void Return(byte[] buffer)
    {
        ArrayPool<byte>.Shared.Return(buffer);
        Interlocked.Add(ref _left, PartLimit);
    }
}
