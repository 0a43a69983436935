using System.Globalization;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>Sizes and counts as people read them in limit messages, the same whatever the server's culture.</summary>
internal static class Amounts
{
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => Count(bytes >> 30) + " GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => Count(bytes >> 20) + " MiB",
        >= 1L << 10 when bytes % (1L << 10) == 0 => Count(bytes >> 10) + " KiB",
        _ => Count(bytes) + " bytes",
    };

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
