namespace OpenAlgebra.Modules.Platform.Encryption;

public sealed record MasterKeyRotationResult(string PreviousKeyId, string CurrentKeyId, int DataKeysRewrapped, bool KeyGenerated);

/// <summary><c>rotate-master-key</c>: every data key re-wrapped under the current master key, no data re-encrypted.</summary>
public interface IMasterKeyRotation
{
    /// <summary>
    /// With a configured key (operator moved the old one to PreviousMasterKeys): re-wraps under the configured key.
    /// With the embedded generated key: generates a new one first, and deletes the old one once all is re-wrapped.
    /// </summary>
    Task<MasterKeyRotationResult> RotateAsync(CancellationToken cancellationToken = default);
}
