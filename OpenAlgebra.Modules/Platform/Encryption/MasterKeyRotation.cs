using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Platform.Blobs;

namespace OpenAlgebra.Modules.Platform.Encryption;

internal sealed class MasterKeyRotation(
    IOptions<EncryptionOptions> options,
    PlatformPaths paths,
    IBlobStore blobs,
    IEnumerable<IIntegrityAlarm> alarms,
    ILoggerFactory loggers) : IMasterKeyRotation
{
    public async Task<MasterKeyRotationResult> RotateAsync(CancellationToken cancellationToken = default)
    {
        var logger = loggers.CreateLogger(typeof(MasterKeySource));
        var generated = string.IsNullOrWhiteSpace(options.Value.MasterKey);
        var before = MasterKeySource.Load(options, paths, logger);
        if (generated)
        {
            MasterKeySource.RetireGeneratedKey(paths);
        }

        // A fresh ring: the new current key plus every key that may still wrap a data key.
        var ring = MasterKeySource.Load(options, paths, logger);
        var rewrapped = await new EncryptedObjectStore(blobs, ring, alarms).RewrapAllAsync(cancellationToken).ConfigureAwait(false);
        if (generated)
        {
            MasterKeySource.DeleteRetiredKeys(paths);
        }

        return new MasterKeyRotationResult(before.CurrentId, ring.CurrentId, rewrapped, generated);
    }
}
