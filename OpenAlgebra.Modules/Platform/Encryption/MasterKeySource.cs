using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>
/// The configured master key, or, in the embedded profile, one generated once into <c>data/keys/master.key</c>
/// (mode 0600) with a warning: production sets <c>OpenAlgebra__Encryption__MasterKey</c> from a secret store.
/// </summary>
internal static partial class MasterKeySource
{
    public const string FileName = "master.key";

    /// <summary>Master keys retired by a rotation that has not finished re-wrapping: "master-&lt;id&gt;.previous".</summary>
    public const string PreviousPattern = "master-*.previous";

    public static MasterKeyRing Load(IOptions<EncryptionOptions> options, PlatformPaths paths, ILogger logger)
    {
        var settings = options.Value;
        var previous = settings.PreviousMasterKeys.Select((k, i) => MasterKeyRing.Parse(k, $"{EncryptionOptions.Section}:PreviousMasterKeys:{i}"))
            .Concat(RetiredKeys(paths)).ToList();
        if (!string.IsNullOrWhiteSpace(settings.MasterKey))
        {
            return new MasterKeyRing(MasterKeyRing.Parse(settings.MasterKey, $"{EncryptionOptions.Section}:MasterKey"), previous);
        }

        var path = Path.Combine(paths.KeyDirectory, FileName);
        if (!File.Exists(path))
        {
            WriteKeyFile(path, RandomNumberGenerator.GetBytes(32));
            LogGenerated(logger, path);
        }

        return new MasterKeyRing(MasterKeyRing.Parse(File.ReadAllText(path), path), previous);
    }

    /// <summary>
    /// Embedded-profile rotation, step one: the current key file becomes "master-&lt;id&gt;.previous" and a new key
    /// takes its place. The previous file stays (and keeps unwrapping) until every data key is re-wrapped.
    /// </summary>
    public static void RetireGeneratedKey(PlatformPaths paths)
    {
        var path = Path.Combine(paths.KeyDirectory, FileName);
        var current = MasterKeyRing.Parse(File.ReadAllText(path), path);
        File.Move(path, Path.Combine(paths.KeyDirectory, $"master-{MasterKeyRing.IdOf(current)}.previous"));
        WriteKeyFile(path, RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>Rotation, last step: the retired key files are no longer needed.</summary>
    public static void DeleteRetiredKeys(PlatformPaths paths)
    {
        foreach (var file in Directory.Exists(paths.KeyDirectory) ? Directory.GetFiles(paths.KeyDirectory, PreviousPattern) : [])
        {
            File.Delete(file);
        }
    }

    private static IEnumerable<byte[]> RetiredKeys(PlatformPaths paths) =>
        Directory.Exists(paths.KeyDirectory)
            ? Directory.GetFiles(paths.KeyDirectory, PreviousPattern).Select(f => MasterKeyRing.Parse(File.ReadAllText(f), f))
            : [];

    private static void WriteKeyFile(string path, byte[] key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Generated a master key at {Path}. Back it up apart from the data; set OpenAlgebra__Encryption__MasterKey in production.")]
    private static partial void LogGenerated(ILogger logger, string path);
}
