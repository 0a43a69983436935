using System.Buffers.Binary;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>
/// Encapsulated pixel data as the bytes of its value field: the offset table and fragment items, each an Item tag
/// and a 32-bit length, without the closing Sequence Delimitation Item (the form pydicom puts in "InlineBinary").
/// </summary>
internal static class EncapsulatedBytes
{
    private const int ItemHeader = 8;

    public static long Length(DicomFragments fragments) =>
        ItemHeader + fragments.OffsetTable.Length + fragments.Fragments.Sum(f => ItemHeader + f.Length);

    public static bool IsInMemory(DicomFragments fragments) =>
        fragments.OffsetTable.IsInMemory && fragments.Fragments.TrueForAll(f => f.IsInMemory);

    public static byte[] ToArray(DicomFragments fragments)
    {
        var bytes = new byte[checked((int)Length(fragments))];
        var at = Put(bytes, 0, fragments.OffsetTable);
        foreach (var fragment in fragments.Fragments)
        {
            at = Put(bytes, at, fragment);
        }

        return bytes;
    }

    /// <summary>
    /// The items of an inline pixel data value, when the bytes are exactly a run of Item elements; null otherwise
    /// (native pixel data). JSON does not carry the transfer syntax, so the shape of the bytes is all there is.
    /// </summary>
    public static DicomFragments? TryParse(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> bytes)
    {
        var items = new List<DicomBuffer>();
        var at = 0;
        while (at < bytes.Length)
        {
            var span = bytes.Span[at..];
            if (span.Length < ItemHeader || BinaryPrimitives.ReadUInt32LittleEndian(span) != 0xE000FFFE)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(span[4..]);
            if (length > (uint)(span.Length - ItemHeader))
            {
                return null;
            }

            items.Add(DicomBuffer.FromBytes(bytes.Slice(at + ItemHeader, (int)length)));
            at += ItemHeader + (int)length;
        }

        return items.Count == 0 ? null : new DicomFragments(tag, vr, items[0], items[1..]);
    }

    private static int Put(byte[] bytes, int at, DicomBuffer item)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), 0xE000FFFE);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 4), checked((uint)item.Length));
        at += ItemHeader;
        if (item.IsInMemory)
        {
            item.Memory.Span.CopyTo(bytes.AsSpan(at));
        }
        else
        {
            using var stream = item.OpenRead();
            stream.ReadExactly(bytes, at, (int)item.Length);
        }

        return at + (int)item.Length;
    }
}
