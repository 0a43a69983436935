using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Web.Components.Uploads;

/// <summary>A forward-only read of a browser file that counts each chunk into its row as it arrives.</summary>
internal sealed class ProgressStream(Stream inner, UploadRow row) : ForwardReadStream
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        row.AddSent(read);
        return read;
    }

    // Browser file streams are async only: a blocking read would hold the circuit's thread.
    public override int Read(Span<byte> buffer) => throw new NotSupportedException("Browser files are read asynchronously.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
