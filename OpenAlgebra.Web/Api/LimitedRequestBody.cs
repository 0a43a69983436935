using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Web.Api;

/// <summary>
/// The request body, stopped with a 413 at the read that would pass <paramref name="limit"/>: every host enforces it,
/// which is not true of the server's own body limit, and the message names the setting to raise.
/// </summary>
internal sealed class LimitedRequestBody(Stream body, long limit, string setting) : ForwardReadStream
{
    private long _consumed;

    public override int Read(Span<byte> buffer) => Count(body.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await body.ReadAsync(buffer, cancellationToken));

    private int Count(int read)
    {
        _consumed += read;
        return _consumed <= limit
            ? read
            : throw new BadHttpRequestException($"The request is larger than {limit} bytes ({setting}).", StatusCodes.Status413PayloadTooLarge);
    }
}
