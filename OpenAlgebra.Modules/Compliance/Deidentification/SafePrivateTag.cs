using System.Globalization;

namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary>One private attribute that is safe to keep: its private creator and its tag with the block as "xx".</summary>
public sealed class SafePrivateTag
{
    /// <summary>The Private Creator value that reserves the block, e.g. "GEMS_ACQU_01".</summary>
    public string Creator { get; set; } = "";

    /// <summary>"(gggg,xxee)": an odd group and the element's low byte; the block number varies per file, so it is "xx".</summary>
    public string Tag { get; set; } = "";

    /// <summary>The creator, group and element byte, or null when malformed.</summary>
    internal (string Creator, ushort Group, byte Element)? Parse()
    {
        var text = Tag.Trim().TrimStart('(').TrimEnd(')').Replace(",", "", StringComparison.Ordinal);
        if (Creator.Trim().Length == 0 || text.Length != 8 || !text[4..6].Equals("xx", StringComparison.OrdinalIgnoreCase)
            || !ushort.TryParse(text[..4], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var group)
            || (group & 1) == 0 || group < 0x0009
            || !byte.TryParse(text[6..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var element))
        {
            return null;
        }

        return (Creator.Trim(), group, element);
    }
}
