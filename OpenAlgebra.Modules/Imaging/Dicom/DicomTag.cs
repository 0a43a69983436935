using System.Globalization;

namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>A (group, element) attribute tag.</summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    public uint Value => ((uint)Group << 16) | Element;

    public bool IsPrivate => (Group & 1) == 1;

    /// <summary>(gggg,0010)–(gggg,00FF) in an odd group: the element that names a private block's creator.</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    /// <summary>For a private data element (gggg,xxyy), the creator element (gggg,00xx) that reserves its block.</summary>
    public DicomTag PrivateCreatorTag => new(Group, (ushort)(Element >> 8));

    public bool IsGroupLength => Element == 0x0000;

    public static DicomTag FromValue(uint value) => new((ushort)(value >> 16), (ushort)value);

    /// <summary>Parses "(gggg,eeee)" or "ggggeeee".</summary>
    /// <exception cref="FormatException">Not a tag.</exception>
    public static DicomTag Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hex = text.Trim().TrimStart('(').TrimEnd(')').Replace(",", "", StringComparison.Ordinal);
        return hex.Length == 8 && uint.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)
            ? FromValue(value)
            : throw new FormatException($"'{text}' is not a DICOM tag such as (0010,0010).");
    }

    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Group:X4},{Element:X4})");

    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;

    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;

    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;

    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;
}
