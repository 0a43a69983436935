using System.Buffers.Binary;
using System.IO.Compression;

namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>
/// Writes Part 10 files. Sequence and item lengths are kept as read (defined or undefined), so reading and
/// writing an unmodified Explicit VR Little Endian file gives back the same bytes.
/// </summary>
internal sealed class DicomWriter
{
    private const uint UndefinedLength = 0xFFFF_FFFF;
    private static readonly byte[] Magic = "DICM"u8.ToArray();

    public static void Write(DicomFile file, Stream stream)
    {
        var output = new BufferedStream(stream, 64 * 1024);
        output.Write(file.Preamble is { Length: 128 } preamble ? preamble : new byte[128]);
        output.Write(Magic);
        WriteMeta(file, output);

        var syntax = file.TransferSyntax;
        if (syntax.Deflated)
        {
            using var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
            WriteDataset(new Encoder(deflate, true, false), file.Dataset);
        }
        else
        {
            WriteDataset(new Encoder(output, syntax.ExplicitVR, syntax.BigEndian), file.Dataset);
        }

        output.Flush();
    }

    /// <summary>Group 0002, always Explicit VR Little Endian, with its group length and transfer syntax brought up to date.</summary>
    private static void WriteMeta(DicomFile file, Stream output)
    {
        var meta = file.FileMetaInformation;
        if (meta.GetString(DicomTags.TransferSyntaxUid) != file.TransferSyntax.Uid)
        {
            meta.SetString(DicomTags.TransferSyntaxUid, DicomVR.UI, file.TransferSyntax.Uid);
        }

        var encoder = new Encoder(output, true, false);
        var body = meta.Where(e => e.Tag != DicomTags.FileMetaInformationGroupLength).ToList();
        var groupLength = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, (uint)body.Sum(encoder.Measure));
        encoder.Write(new DicomValueElement(DicomTags.FileMetaInformationGroupLength, DicomVR.UL, DicomBuffer.FromBytes(groupLength)), meta);
        foreach (var element in body)
        {
            encoder.Write(element, meta);
        }
    }

    private static void WriteDataset(Encoder encoder, DicomDataset dataset)
    {
        foreach (var element in dataset)
        {
            encoder.Write(element, dataset);
        }
    }

    /// <summary>Encodes elements in one syntax; <see cref="Measure"/> gives the bytes <see cref="Write"/> will produce.</summary>
    private sealed class Encoder(Stream output, bool explicitVR, bool bigEndian)
    {
        private readonly byte[] _scratch = new byte[12];

        public long Measure(DicomElement element)
        {
            var header = !explicitVR || element.VR.HasLongLength() ? 8 + (explicitVR ? 4 : 0) : 8;
            return element switch
            {
                DicomSequence sequence => header + ItemsLength(sequence) + (sequence.UndefinedLength ? 8 : 0),
                DicomFragments fragments => header + 8 + fragments.OffsetTable.Length + fragments.Fragments.Sum(f => 8 + f.Length) + 8,
                DicomValueElement value => header + value.Length,
                _ => throw new InvalidOperationException($"Unknown element type {element.GetType().Name}."),
            };
        }

        /// <param name="owner">The data set holding the element (its Bits Allocated decides how pixel data is swapped).</param>
        public void Write(DicomElement element, DicomDataset owner)
        {
            switch (element)
            {
                case DicomSequence sequence:
                    WriteHeader(element.Tag, element.VR, sequence.UndefinedLength ? UndefinedLength : checked((uint)ItemsLength(sequence)));
                    var inner = sequence.VR == DicomVR.UN ? new Encoder(output, false, false) : this;
                    foreach (var item in sequence.Items)
                    {
                        inner.WriteItem(item);
                    }

                    if (sequence.UndefinedLength)
                    {
                        inner.WriteTagAndLength(DicomTags.SequenceDelimitationItem, 0);
                    }

                    break;
                case DicomFragments fragments:
                    WriteHeader(element.Tag, element.VR, UndefinedLength);
                    WriteTagAndLength(DicomTags.Item, checked((uint)fragments.OffsetTable.Length));
                    WriteValue(fragments.OffsetTable, 1);
                    foreach (var fragment in fragments.Fragments)
                    {
                        WriteTagAndLength(DicomTags.Item, checked((uint)fragment.Length));
                        WriteValue(fragment, 1);
                    }

                    WriteTagAndLength(DicomTags.SequenceDelimitationItem, 0);
                    break;
                case DicomValueElement value:
                    if (explicitVR && !value.VR.HasLongLength() && value.Length > ushort.MaxValue)
                    {
                        throw new InvalidOperationException(
                            $"{DicomRegistry.Describe(value.Tag)} is {value.Length} bytes, more than {value.VR.Code()} can hold in explicit VR.");
                    }

                    WriteHeader(value.Tag, value.VR, checked((uint)value.Length));
                    WriteValue(value.Value, ByteOrder.WordSize(value.Tag, value.VR, owner));
                    break;
                default:
                    // E.g. a bulk data reference from DICOM JSON whose bytes were never fetched: writing on would lose the value.
                    throw new InvalidOperationException($"{DicomRegistry.Describe(element.Tag)} is a {element.GetType().Name}, which has no bytes to write.");
            }
        }

        private long ItemsLength(DicomSequence sequence)
        {
            var inner = sequence.VR == DicomVR.UN ? new Encoder(Stream.Null, false, false) : this;
            return sequence.Items.Sum(inner.ItemLength);
        }

        private long ItemLength(DicomDataset item) => 8 + ContentLength(item) + (item.UndefinedLength ? 8 : 0);

        private long ContentLength(DicomDataset item) => item.Sum(Measure);

        private void WriteItem(DicomDataset item)
        {
            WriteTagAndLength(DicomTags.Item, item.UndefinedLength ? UndefinedLength : checked((uint)ContentLength(item)));
            foreach (var element in item)
            {
                Write(element, item);
            }

            if (item.UndefinedLength)
            {
                WriteTagAndLength(DicomTags.ItemDelimitationItem, 0);
            }
        }

        private void WriteHeader(DicomTag tag, DicomVR vr, uint length)
        {
            if (!explicitVR)
            {
                WriteTagAndLength(tag, length);
                return;
            }

            WriteTag(tag);
            var code = (ushort)vr;
            _scratch[0] = (byte)(code >> 8);
            _scratch[1] = (byte)code;
            if (vr.HasLongLength())
            {
                _scratch[2] = 0;
                _scratch[3] = 0;
                Put32(_scratch.AsSpan(4), length);
                output.Write(_scratch, 0, 8);
            }
            else
            {
                Put16(_scratch.AsSpan(2), (ushort)length);
                output.Write(_scratch, 0, 4);
            }
        }

        private void WriteTagAndLength(DicomTag tag, uint length)
        {
            WriteTag(tag);
            Put32(_scratch, length);
            output.Write(_scratch, 0, 4);
        }

        private void WriteTag(DicomTag tag)
        {
            Put16(_scratch, tag.Group);
            Put16(_scratch.AsSpan(2), tag.Element);
            output.Write(_scratch, 0, 4);
        }

        private void WriteValue(DicomBuffer value, int wordSize)
        {
            if (!value.IsInMemory)
            {
                using var source = value.OpenRead();
                source.CopyTo(output);
                return;
            }

            var bytes = value.Memory.Span;
            output.Write(bigEndian && wordSize > 1 ? ByteOrder.Swapped(bytes, wordSize) : bytes);
        }

        private void Put16(Span<byte> span, ushort value)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(span, value);
            else BinaryPrimitives.WriteUInt16LittleEndian(span, value);
        }

        private void Put32(Span<byte> span, uint value)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(span, value);
            else BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        }
    }
}
