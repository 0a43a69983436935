using System.IO.Compression;

namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>Limits that keep a hostile file from costing more than its size.</summary>
internal sealed record DicomReadLimits(int MaxDepth = 64, long LargeValueThreshold = 64L << 20);

/// <summary>Parses Part 10 files and raw data sets, forward-only, in any of the four native transfer syntaxes.</summary>
internal sealed class DicomReader(DicomReadLimits limits)
{
    private const uint UndefinedLength = 0xFFFF_FFFF;
    private static readonly byte[] Magic = "DICM"u8.ToArray();

    public DicomFile Read(Stream stream)
    {
        var input = new DicomInput(stream, limits.LargeValueThreshold);
        byte[]? preamble = null;
        var head = input.Peek(132);
        if (head.Length == 132 && head[128..].SequenceEqual(Magic))
        {
            preamble = input.ReadBytes(128, null);
            input.Skip(4, null);
        }
        else if (head.Length >= 4 && head[..4].SequenceEqual(Magic))
        {
            input.Skip(4, null);
        }

        if (preamble is null && input.Peek(4) is { Length: 4 } first && !PlausibleRawStart(first))
        {
            throw new DicomFormatException(
                $"Not DICOM: no preamble, and the first bytes ({Convert.ToHexString(first)}) do not start a data set", null, 0);
        }

        var meta = new DicomDataset();
        while (input.Peek(2) is [0x02, 0x00, ..])
        {
            meta.Append(ReadElement(input, meta, ExplicitAt(input), depth: 0, null));
        }

        var syntax = meta.GetString(DicomTags.TransferSyntaxUid) is { Length: > 0 } uid
            ? DicomTransferSyntax.FromUid(uid)
            : Infer(input.Peek(8));
        if (syntax.Deflated)
        {
            input = new DicomInput(new DeflateStream(new RemainingStream(input), CompressionMode.Decompress), limits.LargeValueThreshold);
        }

        input.BigEndian = syntax.BigEndian;
        var dataset = new DicomDataset();
        ReadItemContents(input, dataset, ActualExplicitVR(input, syntax), end: null, depth: 0, topLevel: true);
        return new DicomFile(preamble, meta, dataset, syntax);
    }

    /// <summary>Reads elements into <paramref name="dataset"/> up to <paramref name="end"/>, or to an Item Delimitation Item.</summary>
    private void ReadItemContents(DicomInput input, DicomDataset dataset, bool explicitVR, long? end, int depth, bool topLevel)
    {
        while (true)
        {
            if (end is { } limit ? input.Position >= limit : input.AtEnd)
            {
                if (end is null && !topLevel)
                {
                    throw new DicomFormatException("The data ends inside an item that has no Item Delimitation Item", null, input.Position);
                }

                if (end is { } l && input.Position > l)
                {
                    throw new DicomFormatException($"An element runs past the end of its item, which ends at byte {l}", null, input.Position);
                }

                return;
            }

            var peek = input.Peek(4);
            var next = peek.Length < 4 ? default : PeekTag(peek, input.BigEndian);
            if (next == DicomTags.ItemDelimitationItem && !topLevel)
            {
                input.Skip(8, next);
                return;
            }

            if (topLevel && (next == DicomTags.SequenceDelimitationItem || next == DicomTags.ItemDelimitationItem))
            {
                // A stray delimiter after the data set (seen in real files): nothing follows that belongs to it.
                input.Skip(Math.Min(8, peek.Length), next);
                continue;
            }

            dataset.Append(ReadElement(input, dataset, explicitVR, depth, end));
        }
    }

    private DicomElement ReadElement(DicomInput input, DicomDataset dataset, bool explicitVR, int depth, long? end)
    {
        var start = input.Position;
        var tag = input.ReadTag();
        DicomVR vr;
        uint length;
        if (explicitVR)
        {
            var (first, second) = input.ReadTwoBytes(tag);
            vr = DicomVRs.FromBytes(first, second)
                ?? throw new DicomFormatException($"'{Printable(first)}{Printable(second)}' is not a value representation", tag, start + 4);
            if (vr.HasLongLength())
            {
                input.Skip(2, tag);
                length = input.ReadUInt32(tag);
            }
            else
            {
                length = input.ReadUInt16(tag);
            }
        }
        else
        {
            length = input.ReadUInt32(tag);
            vr = ImplicitVR(tag, dataset);
        }

        if (length == UndefinedLength)
        {
            if (tag == DicomTags.PixelData || (explicitVR && vr is DicomVR.OB or DicomVR.OW))
            {
                return ReadFragments(input, tag, vr);
            }

            if (vr is DicomVR.SQ or DicomVR.UN || !explicitVR)
            {
                // UN of undefined length holds an implicit-VR little-endian sequence (PS3.5 6.2.2).
                var itemsExplicit = explicitVR && vr == DicomVR.SQ;
                var sequenceVR = vr == DicomVR.UN ? DicomVR.UN : DicomVR.SQ;
                var outerBigEndian = input.BigEndian;
                input.BigEndian &= sequenceVR != DicomVR.UN;
                var items = ReadItems(input, dataset, tag, itemsExplicit, null, depth + 1);
                input.BigEndian = outerBigEndian;
                return new DicomSequence(tag, sequenceVR, items, undefinedLength: true);
            }

            throw new DicomFormatException($"{vr.Code()} cannot have an undefined length", tag, start);
        }

        if (end is { } limit && input.Position + length > limit)
        {
            throw new DicomFormatException($"The value length {length} runs past the end of its item at byte {limit}", tag, start);
        }

        if (vr == DicomVR.SQ)
        {
            return new DicomSequence(tag, vr, ReadItems(input, dataset, tag, explicitVR, input.Position + length, depth + 1), undefinedLength: false);
        }

        var value = input.ReadValue(length, tag);
        if (vr == DicomVR.UN && value.IsInMemory && length > 0 && TryUnknownSequence(tag, value, dataset, depth) is { } unknown)
        {
            return unknown;
        }

        var wordSize = ByteOrder.WordSize(tag, vr, dataset);
        if (input.BigEndian && wordSize > 1 && value.IsInMemory)
        {
            value = DicomBuffer.FromBytes(ByteOrder.Swapped(value.Memory.Span, wordSize));
        }

        return new DicomValueElement(tag, vr, value);
    }

    /// <summary>
    /// A standard sequence attribute that arrived as UN (a relay that did not know it) still holds implicit VR
    /// little-endian items (PS3.5 6.2.2); parse them, as pydicom does, and keep the bytes if they are not items.
    /// </summary>
    private DicomSequence? TryUnknownSequence(DicomTag tag, DicomBuffer value, DicomDataset dataset, int depth)
    {
        if (tag.IsPrivate || DicomRegistry.Find(tag)?.VR != "SQ")
        {
            return null;
        }

        try
        {
            var nested = new DicomInput(new MemoryStream(value.Memory.ToArray(), writable: false), limits.LargeValueThreshold);
            return new DicomSequence(tag, DicomVR.UN, ReadItems(nested, dataset, tag, explicitVR: false, value.Length, depth + 1), undefinedLength: false);
        }
        catch (DicomFormatException)
        {
            return null;
        }
    }

    private List<DicomDataset> ReadItems(DicomInput input, DicomDataset parent, DicomTag sequence, bool explicitVR, long? end, int depth)
    {
        if (depth > limits.MaxDepth)
        {
            throw new DicomFormatException($"Sequences are nested deeper than {limits.MaxDepth} levels", sequence, input.Position);
        }

        var items = new List<DicomDataset>();
        while (end is not { } limit || input.Position < limit)
        {
            var at = input.Position;
            var tag = input.ReadTag();
            var length = input.ReadUInt32(tag);
            if (tag == DicomTags.SequenceDelimitationItem)
            {
                break;
            }

            if (tag != DicomTags.Item)
            {
                throw new DicomFormatException($"Expected an item of sequence {DicomRegistry.Describe(sequence)}, found {tag}", tag, at);
            }

            var item = new DicomDataset(parent) { UndefinedLength = length == UndefinedLength };
            if (length != UndefinedLength && end is { } l && input.Position + length > l)
            {
                throw new DicomFormatException($"Item length {length} runs past the end of sequence {DicomRegistry.Describe(sequence)}", tag, at);
            }

            ReadItemContents(input, item, explicitVR, length == UndefinedLength ? null : input.Position + length, depth, topLevel: false);
            items.Add(item);
        }

        return items;
    }

    private static DicomFragments ReadFragments(DicomInput input, DicomTag tag, DicomVR vr)
    {
        DicomBuffer? offsetTable = null;
        var fragments = new List<DicomBuffer>();
        while (true)
        {
            var at = input.Position;
            var itemTag = input.ReadTag();
            var length = input.ReadUInt32(itemTag);
            if (itemTag == DicomTags.SequenceDelimitationItem)
            {
                break;
            }

            if (itemTag != DicomTags.Item || length == UndefinedLength)
            {
                throw new DicomFormatException($"Expected a pixel data fragment, found {itemTag}", tag, at);
            }

            var fragment = input.ReadValue(length, tag);
            if (offsetTable is null)
            {
                offsetTable = fragment;
            }
            else
            {
                fragments.Add(fragment);
            }
        }

        return new DicomFragments(tag, vr, offsetTable ?? DicomBuffer.Empty, fragments);
    }

    /// <summary>The VR an Implicit VR data set leaves to the dictionary, with the standard's rules for the ambiguous ones.</summary>
    internal static DicomVR ImplicitVR(DicomTag tag, DicomDataset dataset)
    {
        if (tag.IsGroupLength)
        {
            return DicomVR.UL;
        }

        if (tag.IsPrivateCreator)
        {
            return DicomVR.LO;
        }

        if (tag.IsPrivate)
        {
            return DicomVR.UN;
        }

        return DicomRegistry.Find(tag)?.VR switch
        {
            null => DicomVR.UN,
            "xs" => dataset.GetNumber(DicomTags.PixelRepresentation) == 1 ? DicomVR.SS : DicomVR.US,
            "ox" or "px" or "lt" => DicomVR.OW,
            "up" => DicomVR.UL,
            { Length: 2 } code when DicomVRs.FromBytes((byte)code[0], (byte)code[1]) is { } known => known,
            _ => DicomVR.UN,
        };
    }

    /// <summary>
    /// The syntax of a raw data set, from its first element: explicit when VR letters follow the tag, big-endian
    /// when the group only makes sense byte-swapped (as pydicom guesses).
    /// </summary>
    private static DicomTransferSyntax Infer(ReadOnlySpan<byte> first)
    {
        if (first.Length < 8)
        {
            return DicomTransferSyntax.ImplicitVRLittleEndian;
        }

        var explicitVR = DicomVRs.FromBytes(first[4], first[5]) is not null;
        var littleGroup = first[0] | (first[1] << 8);
        var bigGroup = (first[0] << 8) | first[1];
        if (explicitVR && bigGroup < littleGroup && bigGroup <= 0x0008)
        {
            return DicomTransferSyntax.ExplicitVRBigEndian;
        }

        return explicitVR ? DicomTransferSyntax.ExplicitVRLittleEndian : DicomTransferSyntax.ImplicitVRLittleEndian;
    }

    /// <summary>
    /// Without "DICM", only a data set that begins with a low standard group (command, meta, identifying or patient
    /// module) is taken as DICOM, in either byte order; anything else is some other file.
    /// </summary>
    private static bool PlausibleRawStart(ReadOnlySpan<byte> first)
    {
        var little = first[0] | (first[1] << 8);
        var big = (first[0] << 8) | first[1];
        return (little <= 0x0010 && (little & 1) == 0) || (big <= 0x0010 && (big & 1) == 0);
    }

    /// <summary>
    /// Some writers encode the data set implicitly under an explicit transfer syntax (or the reverse); like pydicom,
    /// trust the bytes of the first element over the declared syntax.
    /// </summary>
    private static bool ActualExplicitVR(DicomInput input, DicomTransferSyntax syntax) =>
        input.Peek(6) is { Length: 6 } head ? DicomVRs.FromBytes(head[4], head[5]) is not null : syntax.ExplicitVR;

    /// <summary>File Meta Information is explicit VR by the standard; some writers got that wrong, so look first.</summary>
    private static bool ExplicitAt(DicomInput input) => input.Peek(6) is { Length: 6 } head && DicomVRs.FromBytes(head[4], head[5]) is not null;

    private static DicomTag PeekTag(ReadOnlySpan<byte> bytes, bool bigEndian) => bigEndian
        ? new DicomTag((ushort)((bytes[0] << 8) | bytes[1]), (ushort)((bytes[2] << 8) | bytes[3]))
        : new DicomTag((ushort)(bytes[0] | (bytes[1] << 8)), (ushort)(bytes[2] | (bytes[3] << 8)));

    private static string Printable(byte b) => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}";

    /// <summary>What is left of a <see cref="DicomInput"/>, as a stream (for inflating a deflated data set).</summary>
    private sealed class RemainingStream(DicomInput input) : Platform.ForwardReadStream
    {
        public override int Read(Span<byte> buffer)
        {
            var available = input.Peek(Math.Min(buffer.Length, 32 * 1024));
            available.CopyTo(buffer);
            input.Skip(available.Length, null);
            return available.Length;
        }
    }
}
