namespace OpenAlgebra.Modules.Platform;

/// <summary>
/// Bytes already taken from a stream, then the rest of that stream (which it does not own), read forward: how a reader
/// looks at the first bytes of a stream it may not seek (gzip or not, a header to replace) and still reads it whole.
/// </summary>
public sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ForwardReadStream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override int Read(Span<byte> buffer)
    {
        if (_prefix.IsEmpty)
        {
            return rest.Read(buffer);
        }

        var n = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..n].CopyTo(buffer);
        _prefix = _prefix[n..];
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _prefix.IsEmpty ? await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) : Read(buffer.Span);
}
