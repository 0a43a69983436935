using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary>
/// The site secret that keys pseudonyms: <see cref="DeidentificationOptions.SiteSecret"/> when configured (production,
/// from a secret store), else one generated once into <c>&lt;data&gt;/keys/deid.key</c> with mode 0600, like the
/// embedded profile's other keys. Losing that file breaks the link between re-uploads, so its creation is a warning.
/// </summary>
internal sealed partial class SiteSecrets(PlatformPaths paths, ILogger<SiteSecrets> logger)
{
    public const int MinimumBytes = 32;
    public const string FileName = "deid.key";

    private readonly Lazy<byte[]> _fromFile = new(() => LoadOrCreate(paths, logger));

    public string KeyFile => Path.Combine(paths.KeyDirectory, FileName);

    /// <exception cref="ArgumentException">The configured secret is not base64 of at least 32 bytes.</exception>
    public byte[] Resolve(DeidentificationOptions options) => options.SiteSecret is { Length: > 0 } configured
        ? Decode(configured) ?? throw new ArgumentException($"{DeidentificationOptions.Section}:SiteSecret must be base64 of at least {MinimumBytes} bytes.")
        : _fromFile.Value;

    public static byte[]? Decode(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written >= MinimumBytes ? buffer[..written] : null;
    }

    private static byte[] LoadOrCreate(PlatformPaths paths, ILogger logger)
    {
        var file = Path.Combine(paths.KeyDirectory, FileName);
        if (File.Exists(file))
        {
            return Read(file);
        }

        Directory.CreateDirectory(paths.KeyDirectory);
        var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, options))
        {
            writer.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes)));
        }

        try
        {
            // A move that refuses to overwrite: when two processes race, the first key wins and both use it.
            File.Move(temporary, file, overwrite: false);
            KeyGenerated(logger, file, DeidentificationOptions.Section);
        }
        catch (IOException) when (File.Exists(file))
        {
            File.Delete(temporary);
        }

        return Read(file);
    }

    private static byte[] Read(string file) => Decode(File.ReadAllText(file))
        ?? throw new InvalidOperationException($"{file} does not hold base64 of at least {MinimumBytes} bytes; restore it from backup.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {Section}:SiteSecret is configured: generated a de-identification key into {File}. " +
        "Back it up; without it re-uploads of a patient no longer map to the same pseudonyms and UIDs.")]
    private static partial void KeyGenerated(ILogger logger, string file, string section);
}
