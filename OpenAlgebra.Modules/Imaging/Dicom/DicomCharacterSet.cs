using System.Text;

namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>
/// Decodes text under a Specific Character Set (0008,0005), including ISO 2022 code extensions, where escape
/// sequences switch between character sets inside one value (PS3.5 6.1.2.5): Japanese (ISO 2022 IR 13/87/159)
/// and Korean (ISO 2022 IR 149) names are the common cases.
/// </summary>
internal static class DicomCharacterSet
{
    private const byte Escape = 0x1B;

    static DicomCharacterSet() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Latin1 { get; } = Encoding.Latin1;

    /// <summary>The encoding of a single-term (non-ISO 2022) character set; Latin-1 for the default repertoire.</summary>
    public static Encoding ForTerm(string? term) => term?.Trim().ToUpperInvariant() switch
    {
        null or "" or "ISO_IR 6" or "ISO 2022 IR 6" => Latin1,
        "ISO_IR 100" or "ISO 2022 IR 100" => Latin1,
        "ISO_IR 101" or "ISO 2022 IR 101" => Encoding.GetEncoding(28592),
        "ISO_IR 109" or "ISO 2022 IR 109" => Encoding.GetEncoding(28593),
        "ISO_IR 110" or "ISO 2022 IR 110" => Encoding.GetEncoding(28594),
        "ISO_IR 144" or "ISO 2022 IR 144" => Encoding.GetEncoding(28595),
        "ISO_IR 127" or "ISO 2022 IR 127" => Encoding.GetEncoding(28596),
        "ISO_IR 126" or "ISO 2022 IR 126" => Encoding.GetEncoding(28597),
        "ISO_IR 138" or "ISO 2022 IR 138" => Encoding.GetEncoding(28598),
        "ISO_IR 148" or "ISO 2022 IR 148" => Encoding.GetEncoding(28599),
        "ISO_IR 203" or "ISO 2022 IR 203" => Encoding.GetEncoding(28605),
        "ISO_IR 166" or "ISO 2022 IR 166" => Encoding.GetEncoding(874),
        "ISO_IR 13" or "ISO 2022 IR 13" => Encoding.GetEncoding(932),
        "ISO 2022 IR 87" or "ISO 2022 IR 159" => Encoding.GetEncoding(50222),
        "ISO 2022 IR 149" => Encoding.GetEncoding(51949),
        "ISO 2022 IR 58" => Encoding.GetEncoding(936),
        "ISO_IR 192" => Encoding.UTF8,
        "GB18030" => Encoding.GetEncoding(54936),
        "GBK" => Encoding.GetEncoding(936),
        _ => Latin1,
    };

    public static string Decode(ReadOnlySpan<byte> bytes, string[] terms)
    {
        if (terms.Length <= 1 && bytes.IndexOf(Escape) < 0)
        {
            return ForTerm(terms.Length == 0 ? null : terms[0]).GetString(bytes);
        }

        return DecodeIso2022(bytes, terms);
    }

    /// <summary>
    /// Splits the value at escape sequences and decodes each run with the set it designates; the first term
    /// (or ASCII) applies until the first escape and again after each delimiter, as the standard requires.
    /// </summary>
    private static string DecodeIso2022(ReadOnlySpan<byte> bytes, string[] terms)
    {
        var initial = ForTerm(terms.Length == 0 ? null : terms[0]);
        var text = new StringBuilder(bytes.Length);
        var current = initial;
        var runStart = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == Escape)
            {
                text.Append(current.GetString(bytes[runStart..i]));
                var (encoding, length) = Designation(bytes[i..]);
                current = encoding ?? current;
                // JIS X 0208 decodes through ISO-2022-JP, which needs its own escape sequence in the run.
                runStart = encoding?.CodePage == 50222 ? i : i + length;
                i += length - 1;
            }
            else if (b is (byte)'\\' or (byte)'=' or (byte)'^' or 0x0D or 0x0A && current.CodePage != 50222)
            {
                text.Append(current.GetString(bytes[runStart..i])).Append((char)b);
                current = initial;
                runStart = i + 1;
            }
        }

        text.Append(current.GetString(bytes[runStart..]));
        return text.ToString();
    }

    private static (Encoding? Encoding, int Length) Designation(ReadOnlySpan<byte> escape)
    {
        static bool Is(ReadOnlySpan<byte> span, ReadOnlySpan<byte> sequence) => span.StartsWith(sequence);
        if (Is(escape, [Escape, (byte)'$', (byte)'B']) || Is(escape, [Escape, (byte)'$', (byte)'(', (byte)'D']))
        {
            return (Encoding.GetEncoding(50222), 3);
        }

        if (Is(escape, [Escape, (byte)'$', (byte)')', (byte)'C']))
        {
            return (Encoding.GetEncoding(51949), 4);
        }

        if (Is(escape, [Escape, (byte)'$', (byte)')', (byte)'A']))
        {
            return (Encoding.GetEncoding(936), 4);
        }

        if (Is(escape, [Escape, (byte)')', (byte)'I']))
        {
            return (Encoding.GetEncoding(932), 3);
        }

        if (Is(escape, [Escape, (byte)'(', (byte)'J']) || Is(escape, [Escape, (byte)'(', (byte)'B']))
        {
            return (Latin1, 3);
        }

        if (Is(escape, [Escape, (byte)'-', (byte)'A']))
        {
            return (Latin1, 3);
        }

        return (null, Math.Min(escape.Length, 3));
    }
}
