using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Imaging.Index;

public static class StoredInstanceObjects
{
    /// <summary>The decrypted, integrity-checked bytes of an indexed instance.</summary>
    /// <exception cref="IntegrityException">The object is gone or fails its check; raised through the alarms too.</exception>
    public static async Task<Stream> OpenStoredAsync(this IEncryptedObjectStore objects, StoredInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(instance);
        return await objects.OpenReadAsync(instance.ObjectKey, instance.Sha256, cancellationToken).ConfigureAwait(false)
            ?? throw new IntegrityException(instance.ObjectKey, "the index refers to it but the object store has no such object.");
    }
}
