using Microsoft.Win32.SafeHandles;

namespace OpenAlgebra.Modules.Imaging.Ingest.Zip;

/// <summary>
/// An entry's stored bytes, read by offset so that the directory walk and the extraction share one file handle,
/// and fenced to the entry's own range. <see cref="Consumed"/> is what the inflater actually took, the divisor of
/// the entry's compression ratio.
/// </summary>
internal sealed class ZipDataStream(SafeFileHandle archive, long start, long length) : Platform.ForwardReadStream
{
    public long Consumed { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var read = RandomAccess.Read(archive, buffer[..Clip(buffer.Length)], start + Consumed);
        Consumed += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await RandomAccess.ReadAsync(archive, buffer[..Clip(buffer.Length)], start + Consumed, cancellationToken).ConfigureAwait(false);
        Consumed += read;
        return read;
    }

    private int Clip(int wanted) => (int)Math.Min(wanted, length - Consumed);
}
