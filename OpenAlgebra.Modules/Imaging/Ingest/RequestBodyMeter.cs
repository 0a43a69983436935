namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// Counts the raw request body as it is read (headers, boundaries and preamble included) and stops the read that
/// would go past the request limit, before those bytes reach a temp file.
/// </summary>
internal sealed class RequestBodyMeter(Stream body, long limit) : Platform.ForwardReadStream
{
    public const string Key = $"{UploadOptions.Section}:{nameof(UploadOptions.MaxRequestBytes)}";

    public long Consumed { get; private set; }

    /// <summary>The body ended; a multipart error after this means the client sent a truncated body.</summary>
    public bool ReachedEnd { get; private set; }

    public override int Read(Span<byte> buffer) => Count(body.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    private int Count(int read)
    {
        ReachedEnd |= read == 0;
        Consumed += read;
        if (Consumed > limit)
        {
            throw new UploadTooLargeException($"The upload is larger than {Amounts.Bytes(limit)} ({Key}).", limit, Key);
        }

        return read;
    }
}
