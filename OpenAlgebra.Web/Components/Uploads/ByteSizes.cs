using System.Globalization;

namespace OpenAlgebra.Web.Components.Uploads;

/// <summary>Sizes as the upload page shows them (decimal units, as file managers do), the same whatever the server's culture.</summary>
internal static class ByteSizes
{
    private static readonly string[] Units = ["bytes", "kB", "MB", "GB", "TB"];

    public static string Format(long bytes)
    {
        if (bytes < 1000)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
        }

        var value = (double)bytes;
        var unit = 0;
        while (value >= 1000 && unit < Units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        return value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
