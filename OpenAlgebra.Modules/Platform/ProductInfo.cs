using System.Reflection;

namespace OpenAlgebra.Modules.Platform;

/// <summary>What is running: version and commit from the assembly, build date from the assembly file, and the runtime profile.</summary>
public sealed record ProductInfo(string Version, string Commit, DateTimeOffset BuildDate, string Profile)
{
    public static ProductInfo From(Assembly entry, string profile)
    {
        var informational = entry.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? entry.GetName().Version?.ToString() ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 ? "unknown" : informational[(plus + 1)..];
        var buildDate = string.IsNullOrEmpty(entry.Location)
            ? DateTimeOffset.UnixEpoch
            : new DateTimeOffset(File.GetLastWriteTimeUtc(entry.Location), TimeSpan.Zero);
        return new ProductInfo(version, commit, buildDate, profile);
    }
}
