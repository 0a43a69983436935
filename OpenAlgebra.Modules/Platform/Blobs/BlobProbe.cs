namespace OpenAlgebra.Modules.Platform.Blobs;

internal static class BlobProbe
{
    /// <summary>Writes, reads back and removes a two-byte object; throws when the store cannot do all three.</summary>
    public static async Task RunAsync(IBlobStore store, string where, CancellationToken cancellationToken)
    {
        var key = "health/probe-" + Guid.NewGuid().ToString("N");
        byte[] payload = [0x4F, 0x41];
        await store.PutAsync(key, new MemoryStream(payload), cancellationToken).ConfigureAwait(false);
        try
        {
            await using var read = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false)
                ?? throw new IOException($"{where} lost the probe object it just wrote.");
            var buffer = new byte[payload.Length];
            await read.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (!buffer.AsSpan().SequenceEqual(payload))
            {
                throw new IOException($"{where} returned different bytes for the probe object.");
            }
        }
        finally
        {
            await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }
}
