using System.Buffers.Binary;
using System.IO.Compression;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>Guesses what a file is from its first bytes (see <see cref="UploadFileKind"/>); never from its name.</summary>
internal static class FileSniffer
{
    /// <summary>Enough for every magic looked at: NIfTI-1 keeps its magic at bytes 344–347.</summary>
    public const int HeadLength = 348;

    private const int Nifti1HeaderSize = 348;
    private const int Nifti2HeaderSize = 540;

    private static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];

    /// <summary>A zip local file header or, for an empty archive, the end record; a DICOM preamble may hold
    /// anything, so a Part 10 file that happens to start with "PK" is still DICOM.</summary>
    public static bool IsArchive(ReadOnlySpan<byte> head) =>
        (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8)) && !IsPart10(head);

    /// <param name="head">The first <see cref="HeadLength"/> bytes, or all of a shorter file.</param>
    /// <param name="path">The file itself, opened only to look inside gzip.</param>
    public static UploadFileKind Kind(ReadOnlySpan<byte> head, long length, string path)
    {
        if (IsPart10(head))
        {
            return UploadFileKind.Dicom;
        }

        if (head.StartsWith(GzipMagic))
        {
            return IsGzippedNifti(path) ? UploadFileKind.Nifti : UploadFileKind.Other;
        }

        if (IsNifti(head))
        {
            return UploadFileKind.Nifti;
        }

        return IsRawDataSet(head, length) ? UploadFileKind.Dicom : UploadFileKind.Other;
    }

    /// <summary>"DICM" after the 128-byte preamble, or at the start as some writers leave the preamble out.</summary>
    private static bool IsPart10(ReadOnlySpan<byte> head) =>
        (head.Length >= 132 && head[128..132].SequenceEqual("DICM"u8)) || head.StartsWith("DICM"u8);

    private static bool IsNifti(ReadOnlySpan<byte> head)
    {
        var nifti1 = head.Length >= Nifti1HeaderSize && head[344..348].SequenceEqual("n+1\0"u8) && HeaderSizeIs(head, Nifti1HeaderSize);
        var nifti2 = head.Length >= 8 && head[4..8].SequenceEqual("n+2\0"u8) && HeaderSizeIs(head, Nifti2HeaderSize);
        return nifti1 || nifti2;
    }

    /// <summary>sizeof_hdr in either byte order: NIfTI files are written in the writer's native order.</summary>
    private static bool HeaderSizeIs(ReadOnlySpan<byte> head, int size) =>
        BinaryPrimitives.ReadInt32LittleEndian(head) == size || BinaryPrimitives.ReadInt32BigEndian(head) == size;

    private static bool IsGzippedNifti(string path)
    {
        Span<byte> head = stackalloc byte[HeadLength];
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            var read = gzip.ReadAtLeast(head, HeadLength, throwOnEndOfStream: false);
            return IsNifti(head[..read]);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>
    /// A data set without preamble has no magic, so ask for two signs: a first tag in a low standard group
    /// (0002–0010, even: file meta, identification, patient), then a known explicit VR or, for implicit VR little
    /// endian, an even value length that fits in the file. Text fails the first sign, zero-filled files the second.
    /// </summary>
    private static bool IsRawDataSet(ReadOnlySpan<byte> head, long length)
    {
        if (head.Length < 8)
        {
            return false;
        }

        var explicitVR = DicomVRs.FromBytes(head[4], head[5]) is not null;
        if (LowGroup(BinaryPrimitives.ReadUInt16LittleEndian(head)))
        {
            var implicitLength = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
            return explicitVR || (implicitLength % 2 == 0 && implicitLength > 0 && implicitLength <= length - 8);
        }

        return LowGroup(BinaryPrimitives.ReadUInt16BigEndian(head)) && explicitVR;
    }

    private static bool LowGroup(ushort group) => group is >= 0x0002 and <= 0x0010 && group % 2 == 0;
}
