using System.Text;

namespace OpenAlgebra.Modules.LinearAlgebra.IO;

/// <summary>The whitespace-separated fields of one line, taken one at a time as spans of the line itself.</summary>
internal ref struct LineFields(ReadOnlySpan<byte> line)
{
    private readonly ReadOnlySpan<byte> _line = line;
    private int _at;

    /// <summary>Fields are short, so a plain scan beats the vectorized searches' setup cost here.</summary>
    public bool TryNext(out ReadOnlySpan<byte> field)
    {
        var line = _line;
        var at = _at;
        while (at < line.Length && IsBlank(line[at]))
            at++;
        var start = at;
        while (at < line.Length && !IsBlank(line[at]))
            at++;
        _at = at;
        field = line[start..at];
        return at > start;
    }

    /// <summary>How many fields the whole line holds, for error messages.</summary>
    public readonly int CountAll()
    {
        var all = new LineFields(_line);
        var count = 0;
        while (all.TryNext(out _))
            count++;
        return count;
    }

    /// <summary>True for a line that holds nothing or only a <c>%</c> comment, which may appear anywhere after the banner.</summary>
    public static bool IsBlankOrComment(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (!IsBlank(b))
                return b == (byte)'%';
        }
        return true;
    }

    /// <summary>A field as the message quotes it, cut short when long.</summary>
    public static string Quote(ReadOnlySpan<byte> field)
    {
        const int Longest = 40;
        var text = Encoding.UTF8.GetString(field.Length > Longest ? field[..Longest] : field);
        return field.Length > Longest ? $"'{text}…'" : $"'{text}'";
    }

    private static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t';
}
