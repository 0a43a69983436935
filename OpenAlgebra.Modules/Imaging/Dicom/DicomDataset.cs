using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using System.Text;

namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>
/// The attributes of a data set or sequence item, kept in the order they were read (tag order for a valid file);
/// new attributes are inserted in tag order. Text is decoded on request under the Specific Character Set in force.
/// </summary>
public sealed class DicomDataset : IEnumerable<DicomElement>
{
    private readonly List<DicomElement> _elements = [];

    public DicomDataset(DicomDataset? parent = null) => Parent = parent;

    /// <summary>The data set whose item this is; its character set applies unless this item declares its own.</summary>
    public DicomDataset? Parent { get; internal set; }

    /// <summary>For a sequence item: delimited by an Item Delimitation Item when read (kept for byte-exact writes).</summary>
    public bool UndefinedLength { get; set; }

    public int Count => _elements.Count;

    public DicomElement? this[DicomTag tag] => Find(tag);

    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    public DicomElement? Find(DicomTag tag)
    {
        var index = IndexOf(tag);
        return index < 0 ? null : _elements[index];
    }

    /// <summary>Adds or replaces an attribute.</summary>
    public void Set(DicomElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element is DicomSequence sequence)
        {
            foreach (var item in sequence.Items)
            {
                item.Parent = this;
            }
        }

        var index = IndexOf(element.Tag);
        if (index >= 0)
        {
            _elements[index] = element;
            return;
        }

        var position = _elements.Count;
        while (position > 0 && _elements[position - 1].Tag > element.Tag)
        {
            position--;
        }

        _elements.Insert(position, element);
    }

    /// <summary>Appends while reading, keeping the file's order even when it is not tag order.</summary>
    internal void Append(DicomElement element) => _elements.Add(element);

    public bool Remove(DicomTag tag)
    {
        var index = IndexOf(tag);
        if (index < 0)
        {
            return false;
        }

        _elements.RemoveAt(index);
        return true;
    }

    public int RemoveAll(Predicate<DicomElement> match) => _elements.RemoveAll(match);

    public IEnumerator<DicomElement> GetEnumerator() => _elements.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The Specific Character Set terms in force here (this item's, else its parents').</summary>
    public string[] CharacterSetTerms
    {
        get
        {
            for (var dataset = this; dataset is not null; dataset = dataset.Parent)
            {
                if (dataset.Find(DicomTags.SpecificCharacterSet) is DicomValueElement charset)
                {
                    return DecodeDefault(charset).Split('\\').Select(t => t.Trim()).ToArray();
                }
            }

            return [];
        }
    }

    /// <summary>The whole value of a string attribute, decoded, without trailing padding; null when absent.</summary>
    public string? GetString(DicomTag tag) => Find(tag) is DicomValueElement element ? DecodeText(element) : null;

    /// <summary>The values of a multi-valued string attribute; empty when absent.</summary>
    public string[] GetStrings(DicomTag tag)
    {
        if (Find(tag) is not DicomValueElement element)
        {
            return [];
        }

        var text = DecodeText(element);
        return element.VR.IsSingleValued() || text.Length == 0 ? [text] : text.Split('\\').Select(v => v.Trim()).ToArray();
    }

    /// <summary>Numbers of a numeric attribute (US, SS, UL, SL, FL, FD, DS, IS, SV, UV); empty when absent.</summary>
    /// <exception cref="FormatException">A DS or IS value is not a number.</exception>
    public double[] GetNumbers(DicomTag tag)
    {
        if (Find(tag) is not DicomValueElement { Value.IsInMemory: true } element)
        {
            return [];
        }

        var bytes = element.Value.Memory.Span;
        return element.VR switch
        {
            DicomVR.US => Numbers(bytes, 2, s => BinaryPrimitives.ReadUInt16LittleEndian(s)),
            DicomVR.SS => Numbers(bytes, 2, s => BinaryPrimitives.ReadInt16LittleEndian(s)),
            DicomVR.UL => Numbers(bytes, 4, s => BinaryPrimitives.ReadUInt32LittleEndian(s)),
            DicomVR.SL => Numbers(bytes, 4, s => BinaryPrimitives.ReadInt32LittleEndian(s)),
            DicomVR.FL or DicomVR.OF => Numbers(bytes, 4, s => BinaryPrimitives.ReadSingleLittleEndian(s)),
            DicomVR.FD or DicomVR.OD => Numbers(bytes, 8, s => BinaryPrimitives.ReadDoubleLittleEndian(s)),
            DicomVR.SV => Numbers(bytes, 8, s => BinaryPrimitives.ReadInt64LittleEndian(s)),
            DicomVR.UV => Numbers(bytes, 8, s => BinaryPrimitives.ReadUInt64LittleEndian(s)),
            DicomVR.DS or DicomVR.IS => GetStrings(tag).Where(v => v.Length > 0).Select(v => ParseNumber(tag, v)).ToArray(),
            _ => [],
        };
    }

    /// <summary>The first number of a numeric attribute, or null when absent or empty.</summary>
    public double? GetNumber(DicomTag tag) => GetNumbers(tag) is [var first, ..] ? first : null;

    /// <summary>Sets a string attribute, padding to even length as the VR requires.</summary>
    public void SetString(DicomTag tag, DicomVR vr, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var encoding = vr.UsesCharacterSet() ? EncodingForWrite() : DicomCharacterSet.Latin1;
        var bytes = encoding.GetBytes(value);
        if ((bytes.Length & 1) == 1)
        {
            Array.Resize(ref bytes, bytes.Length + 1);
            bytes[^1] = vr.Padding();
        }

        Set(new DicomValueElement(tag, vr, DicomBuffer.FromBytes(bytes)));
    }

    /// <summary>Sets a DS attribute, each value in as many digits as its 16 characters hold (PS3.5 6.2).</summary>
    /// <exception cref="ArgumentException">A value is not finite.</exception>
    public void SetDecimals(DicomTag tag, params ReadOnlySpan<double> values)
    {
        var texts = new string[values.Length];
        for (var n = 0; n < values.Length; n++)
        {
            texts[n] = DecimalText(tag, values[n]);
        }

        SetString(tag, DicomVR.DS, string.Join('\\', texts));
    }

    public void SetUInt16(DicomTag tag, ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        Set(new DicomValueElement(tag, DicomVR.US, DicomBuffer.FromBytes(bytes)));
    }

    /// <summary>Makes the attribute present with an empty value.</summary>
    public void SetEmpty(DicomTag tag, DicomVR vr) =>
        Set(vr == DicomVR.SQ ? new DicomSequence(tag, vr, [], undefinedLength: false) : new DicomValueElement(tag, vr, DicomBuffer.Empty));

    internal string DecodeText(DicomValueElement element)
    {
        if (!element.Value.IsInMemory)
        {
            return "";
        }

        var span = element.Value.Memory.Span;
        var text = element.VR.UsesCharacterSet() ? DicomCharacterSet.Decode(span, CharacterSetTerms) : DicomCharacterSet.Latin1.GetString(span);
        // An empty trailing component group of a person name ("Wang^XiaoDong=王^小東=") carries nothing.
        return element.VR switch
        {
            DicomVR.PN => text.TrimEnd(' ', '\0').TrimEnd('='),
            _ => text.TrimEnd(' ', '\0'),
        };
    }

    private static string DecodeDefault(DicomValueElement element) =>
        element.Value.IsInMemory ? DicomCharacterSet.Latin1.GetString(element.Value.Memory.Span).TrimEnd(' ', '\0') : "";

    private Encoding EncodingForWrite()
    {
        var terms = CharacterSetTerms;
        return terms.Length == 1 ? DicomCharacterSet.ForTerm(terms[0]) : DicomCharacterSet.Latin1;
    }

    private int IndexOf(DicomTag tag)
    {
        for (var i = 0; i < _elements.Count; i++)
        {
            if (_elements[i].Tag == tag)
            {
                return i;
            }
        }

        return -1;
    }

    private static double[] Numbers(ReadOnlySpan<byte> bytes, int size, NumberReader read)
    {
        var values = new double[bytes.Length / size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = read(bytes.Slice(i * size, size));
        }

        return values;
    }

    private static string DecimalText(DicomTag tag, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{DicomRegistry.Describe(tag)} cannot hold {value}: a DS value is a finite number.", nameof(value));
        }

        for (var digits = 17; ; digits--)
        {
            var text = (value == 0 ? 0 : value).ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (text.Length <= 16)
            {
                return text;
            }
        }
    }

    private static double ParseNumber(DicomTag tag, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{DicomRegistry.Describe(tag)} holds '{text}', which is not a number.");

    private delegate double NumberReader(ReadOnlySpan<byte> bytes);
}
