namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>Stored bytes failed authentication or their recorded SHA-256 (164.312(c)): they are not served.</summary>
public sealed class IntegrityException(string objectKey, string message) : Exception($"Object {objectKey} failed its integrity check: {message}")
{
    public string ObjectKey { get; } = objectKey;
}

/// <summary>Told of every integrity failure (every registered alarm is): the platform logs and counts it,
/// Compliance writes a Security Alert to the audit trail.</summary>
public interface IIntegrityAlarm
{
    Task RaiseAsync(IntegrityException failure, CancellationToken cancellationToken = default);
}
