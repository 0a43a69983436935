using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace OpenAlgebra.Modules.Imaging.Ingest.Zip;

/// <summary>
/// One central directory record (APPNOTE 4.3.12), with Zip64 sizes and offset resolved (4.5.3). The sizes are
/// claims: extraction counts the bytes that actually come out and never sizes anything by them.
/// </summary>
internal readonly record struct ZipEntryRecord(
    string Name,
    ushort Flags,
    ushort Method,
    uint Crc32,
    long CompressedSize,
    long UncompressedSize,
    long LocalHeaderOffset,
    uint ExternalAttributes,
    int RecordLength)
{
    public const int FixedLength = 46;

    /// <summary>Room for the longest name and extra field a record can carry (16-bit lengths each).</summary>
    public const int ScratchLength = 2 * ushort.MaxValue;

    private const uint Signature = 0x02014b50;
    private const ushort Zip64ExtraId = 0x0001;
    private const ushort Utf8NameFlag = 1 << 11;
    private const ushort EncryptedFlag = 1 << 0;
    private const ushort StrongEncryptionFlag = 1 << 6;
    private const ushort AesMethod = 99;
    private const int UnixTypeMask = 0xF000;
    private const int UnixDirectory = 0x4000;
    private const int UnixRegularFile = 0x8000;
    private const int UnixSymbolicLink = 0xA000;
    private const uint DosDirectoryAttribute = 0x10;

    /// <summary>Names without the UTF-8 flag are code page 437 by the specification, unless they are valid UTF-8,
    /// as many tools write them unflagged.</summary>
    private static readonly Encoding Cp437 = CodePagesEncodingProvider.Instance.GetEncoding(437)!;

    public bool IsEncrypted => (Flags & (EncryptedFlag | StrongEncryptionFlag)) != 0 || Method == AesMethod;

    /// <summary>The Unix file type in the high half of the external attributes (Info-ZIP, 7-Zip and others write it).</summary>
    private int UnixType => (int)(ExternalAttributes >> 16) & UnixTypeMask;

    public bool IsSymbolicLink => UnixType == UnixSymbolicLink;

    public bool IsDirectory => Name.EndsWith('/') || Name.EndsWith('\\') || UnixType == UnixDirectory
        || (UnixType == 0 && (ExternalAttributes & DosDirectoryAttribute) != 0);

    /// <summary>A FIFO, device or socket: nothing a scanner exports, and nothing to read.</summary>
    public bool IsSpecialFile => UnixType is not (0 or UnixRegularFile or UnixDirectory or UnixSymbolicLink);

    /// <exception cref="ZipFormatException">The record is not where the directory says, or runs past its end.</exception>
    public static ZipEntryRecord Read(SafeFileHandle archive, long position, long directoryEnd, byte[] scratch)
    {
        Span<byte> head = stackalloc byte[FixedLength];
        if (position > directoryEnd - FixedLength || RandomAccess.Read(archive, head, position) != FixedLength
            || BinaryPrimitives.ReadUInt32LittleEndian(head) != Signature)
        {
            throw new ZipFormatException("is damaged: a central directory record is missing");
        }

        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(head[28..]);
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(head[30..]);
        var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(head[32..]);
        var recordLength = FixedLength + nameLength + extraLength + commentLength;
        var variable = scratch.AsSpan(0, nameLength + extraLength);
        if (position > directoryEnd - recordLength || RandomAccess.Read(archive, variable, position + FixedLength) != variable.Length)
        {
            throw new ZipFormatException("is damaged: a central directory record runs past the directory");
        }

        var flags = BinaryPrimitives.ReadUInt16LittleEndian(head[8..]);
        var compressed = (long)BinaryPrimitives.ReadUInt32LittleEndian(head[20..]);
        var uncompressed = (long)BinaryPrimitives.ReadUInt32LittleEndian(head[24..]);
        var offset = (long)BinaryPrimitives.ReadUInt32LittleEndian(head[42..]);
        ReadZip64(variable[nameLength..], ref uncompressed, ref compressed, ref offset);
        return new ZipEntryRecord(
            DecodeName(variable[..nameLength], flags),
            flags,
            BinaryPrimitives.ReadUInt16LittleEndian(head[10..]),
            BinaryPrimitives.ReadUInt32LittleEndian(head[16..]),
            compressed,
            uncompressed,
            offset,
            BinaryPrimitives.ReadUInt32LittleEndian(head[38..]),
            recordLength);
    }

    /// <summary>The Zip64 extra field holds 64-bit values only for the fields whose 32-bit value is all ones, in this order.</summary>
    private static void ReadZip64(ReadOnlySpan<byte> extra, ref long uncompressed, ref long compressed, ref long offset)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var size = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]), extra.Length - 4);
            var data = extra.Slice(4, size);
            if (id == Zip64ExtraId)
            {
                uncompressed = Widen(ref data, uncompressed);
                compressed = Widen(ref data, compressed);
                offset = Widen(ref data, offset);
                return;
            }

            extra = extra[(4 + size)..];
        }
    }

    private static long Widen(ref ReadOnlySpan<byte> data, long value)
    {
        if (value != uint.MaxValue || data.Length < 8)
        {
            return value;
        }

        var wide = BinaryPrimitives.ReadInt64LittleEndian(data);
        data = data[8..];
        return wide;
    }

    private static string DecodeName(ReadOnlySpan<byte> name, ushort flags) =>
        (flags & Utf8NameFlag) != 0 || Utf8.IsValid(name) ? Encoding.UTF8.GetString(name) : Cp437.GetString(name);
}
