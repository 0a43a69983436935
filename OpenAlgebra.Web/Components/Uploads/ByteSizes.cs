using System.Globalization;

namespace OpenAlgebra.Web.Components.Uploads;

/// <summary>
/// Sizes as the upload page shows them, in the binary units the server's limit messages use (a 2 GiB limit reads
/// "2 GiB", not "2.1 GB"), the same whatever the server's culture.
/// </summary>
internal static class ByteSizes
{
    private static readonly string[] Units = ["bytes", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
        }

        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(value < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
