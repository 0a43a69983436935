namespace OpenAlgebra.Modules.Platform.Blobs;

/// <summary>
/// Where object bytes live (filesystem in the embedded profile). Keys are lower-case paths of
/// <c>[a-z0-9._-]</c> segments separated by <c>/</c>. A put is all or nothing: a reader never sees half an object.
/// </summary>
public interface IBlobStore
{
    /// <summary><c>filesystem</c> or <c>s3</c>.</summary>
    string Kind { get; }

    Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <returns>The object's bytes, or null when no object has that key.</returns>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <returns>True when an object was removed.</returns>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes what puts cut short by a dead process left behind (never a whole object), last written before
    /// <paramref name="before"/>; the caller knows no running process wrote it then.
    /// </summary>
    /// <returns>How many leftovers were removed.</returns>
    Task<int> DeleteAbandonedWritesAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Writes, reads back and removes a small object; throws when the store cannot do all three.</summary>
    Task ProbeAsync(CancellationToken cancellationToken = default);
}
