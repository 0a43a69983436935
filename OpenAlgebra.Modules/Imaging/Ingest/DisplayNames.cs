using System.Globalization;
using System.Text;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// Names from the client made safe to show in a page, a JSON reason or a terminal: control, format (bidirectional
/// overrides that turn "gpj.exe" around, zero-width) and separator characters and broken surrogates become '_',
/// and very long names keep their start and their end. Names never become paths: temp files are numbered.
/// </summary>
internal static class DisplayNames
{
    public const int MaxLength = 255;
    private const int HeadKept = 100;

    public static string Sanitize(string? raw, string fallback)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]))
            {
                builder.Append(c).Append(raw[++i]);
            }
            else
            {
                builder.Append(Unsafe(c) ? '_' : c);
            }
        }

        var name = builder.ToString().Trim();
        return name.Length <= MaxLength ? name : Shorten(name);
    }

    private static bool Unsafe(char c) => char.IsSurrogate(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Control
        or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static string Shorten(string name)
    {
        var head = name[..HeadKept];
        var tail = name[^(MaxLength - HeadKept - 1)..];
        // Never cut a surrogate pair in half.
        head = char.IsHighSurrogate(head[^1]) ? head[..^1] : head;
        tail = char.IsLowSurrogate(tail[0]) ? tail[1..] : tail;
        return head + "…" + tail;
    }
}
