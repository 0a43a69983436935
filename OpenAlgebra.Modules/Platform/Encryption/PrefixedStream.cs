namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>Reads as <paramref name="prefix"/> followed by the rest of <paramref name="rest"/> (which it does not own).</summary>
internal sealed class PrefixedStream(byte[] prefix, Stream rest) : ForwardReadStream
{
    private int _served;

    public override int Read(Span<byte> buffer)
    {
        if (_served == prefix.Length)
        {
            return rest.Read(buffer);
        }

        var n = Math.Min(buffer.Length, prefix.Length - _served);
        prefix.AsSpan(_served, n).CopyTo(buffer);
        _served += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _served == prefix.Length ? await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) : Read(buffer.Span);
}
