using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace OpenAlgebra.Modules.Imaging.Ingest.Zip;

/// <summary>
/// Where the central directory lies and how many records it declares, from the end record (APPNOTE 4.3.16) and,
/// when a field overflows, the Zip64 end record (4.3.14–4.3.15). The count bounds the directory walk, so a
/// directory that claims fewer records than it holds costs no more than the claim.
/// </summary>
internal readonly record struct ZipDirectoryLocation(long EntryCount, long Offset, long Size)
{
    private const int EndRecordLength = 22;
    private const int MaxCommentLength = ushort.MaxValue;
    private const int Zip64LocatorLength = 20;
    private const int Zip64EndRecordLength = 56;
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;

    public long End => Offset + Size;

    /// <exception cref="ZipFormatException">No end record, a split archive, or a directory outside the file.</exception>
    public static ZipDirectoryLocation Read(SafeFileHandle archive, long length)
    {
        var tailLength = (int)Math.Min(length, EndRecordLength + MaxCommentLength);
        var tail = ArrayPool<byte>.Shared.Rent(tailLength);
        try
        {
            var tailStart = length - tailLength;
            var bytes = tail.AsSpan(0, RandomAccess.Read(archive, tail.AsSpan(0, tailLength), tailStart));
            var at = FindEndRecord(bytes);
            var end = bytes[at..];
            var endPosition = tailStart + at;
            if (BinaryPrimitives.ReadUInt16LittleEndian(end[4..]) != 0 || BinaryPrimitives.ReadUInt16LittleEndian(end[6..]) != 0)
            {
                throw new ZipFormatException("is split across several files (a spanned archive), which is not read; zip it as one file");
            }

            var location = new ZipDirectoryLocation(
                BinaryPrimitives.ReadUInt16LittleEndian(end[10..]),
                BinaryPrimitives.ReadUInt32LittleEndian(end[16..]),
                BinaryPrimitives.ReadUInt32LittleEndian(end[12..]));
            if (endPosition >= Zip64LocatorLength && Zip64(archive, endPosition) is { } zip64)
            {
                (location, endPosition) = zip64;
            }

            if (location.Offset < 0 || location.Size < 0 || location.Offset > endPosition - location.Size)
            {
                throw new ZipFormatException("is damaged: its central directory lies outside the file");
            }

            if (location.EntryCount < 0 || location.EntryCount > location.Size / ZipEntryRecord.FixedLength)
            {
                throw new ZipFormatException("is damaged: its end record declares more entries than its central directory can hold");
            }

            return location;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tail);
        }
    }

    /// <summary>The last end-record signature whose comment fits in the file: a comment may itself contain the signature.</summary>
    private static int FindEndRecord(ReadOnlySpan<byte> tail)
    {
        for (var at = tail.Length - EndRecordLength; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail[at..]) == EndSignature
                && at + EndRecordLength + BinaryPrimitives.ReadUInt16LittleEndian(tail[(at + 20)..]) <= tail.Length)
            {
                return at;
            }
        }

        throw new ZipFormatException("is damaged or cut short: it has no end of central directory record");
    }

    private static (ZipDirectoryLocation Location, long EndPosition)? Zip64(SafeFileHandle archive, long endPosition)
    {
        Span<byte> locator = stackalloc byte[Zip64LocatorLength];
        if (RandomAccess.Read(archive, locator, endPosition - Zip64LocatorLength) != Zip64LocatorLength
            || BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
        {
            return null;
        }

        var recordPosition = BinaryPrimitives.ReadInt64LittleEndian(locator[8..]);
        Span<byte> record = stackalloc byte[Zip64EndRecordLength];
        if (recordPosition < 0 || recordPosition > endPosition - Zip64LocatorLength - Zip64EndRecordLength
            || RandomAccess.Read(archive, record, recordPosition) != Zip64EndRecordLength
            || BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndSignature)
        {
            throw new ZipFormatException("is damaged: its Zip64 end record is missing or misplaced");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(locator[4..]) != 0 || BinaryPrimitives.ReadUInt32LittleEndian(record[16..]) != 0
            || BinaryPrimitives.ReadUInt32LittleEndian(record[20..]) != 0)
        {
            throw new ZipFormatException("is split across several files (a spanned archive), which is not read; zip it as one file");
        }

        return (new ZipDirectoryLocation(
            BinaryPrimitives.ReadInt64LittleEndian(record[32..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[48..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[40..])), recordPosition);
    }
}
