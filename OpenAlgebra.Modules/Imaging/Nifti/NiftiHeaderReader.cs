using System.Buffers.Binary;

namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>Reads the fixed header (version and byte order from sizeof_hdr) and the extensions that follow it.</summary>
internal static class NiftiHeaderReader
{
    /// <summary>
    /// The most bytes of extensions or padding accepted before the voxels (after the header of a .nii, at the start of an
    /// .img) and of extensions in a .hdr. Real extensions (DICOM headers, AFNI and CIFTI XML) are kilobytes to
    /// megabytes; the bound keeps a forged vox_offset or esize from making us read gigabytes of a decompressing stream.
    /// </summary>
    public const int MaxExtensionBytes = 256 << 20;

    /// <summary>Reads the 348- or 540-byte header; <paramref name="pair"/> says whether ni1/ni2 (true) or n+1/n+2 is expected.</summary>
    public static NiftiHeader ReadFixed(NiftiInput input, bool pair)
    {
        Span<byte> start = stackalloc byte[4];
        input.ReadExactly(start, "header field sizeof_hdr");
        var little = BinaryPrimitives.ReadInt32LittleEndian(start);
        var big = BinaryPrimitives.ReadInt32BigEndian(start);
        var (size, bigEndian) = (little, big) switch
        {
            (Nifti1Layout.SizeOfHeader, _) => (Nifti1Layout.SizeOfHeader, false),
            (Nifti2Layout.SizeOfHeader, _) => (Nifti2Layout.SizeOfHeader, false),
            (_, Nifti1Layout.SizeOfHeader) => (Nifti1Layout.SizeOfHeader, true),
            (_, Nifti2Layout.SizeOfHeader) => (Nifti2Layout.SizeOfHeader, true),
            _ => throw new NiftiFormatException(
                $"Header field sizeof_hdr (byte 0) is {little} read little endian and {big} read big endian; NIfTI-1 has 348, NIfTI-2 540. This is not a NIfTI file."),
        };

        var bytes = new byte[size];
        start.CopyTo(bytes);
        input.ReadExactly(bytes.AsSpan(4), $"the {size}-byte header");
        var header = size == Nifti1Layout.SizeOfHeader ? Nifti1Layout.Parse(bytes, bigEndian) : Nifti2Layout.Parse(bytes, bigEndian);
        if (header.IsPair != pair)
        {
            throw new NiftiFormatException(pair
                ? $"Header field magic is 'n+{header.Version}': the header and voxels are one file (.nii), not a .hdr/.img pair."
                : $"Header field magic is 'ni{header.Version}': the voxels are in a separate .img file; read the .hdr and .img together.");
        }

        var lowest = pair ? 0 : MinimumSingleFileOffset(header);
        if (header.VoxOffset < lowest || header.VoxOffset - lowest > MaxExtensionBytes)
        {
            throw new NiftiFormatException(pair
                ? $"Header field vox_offset is {header.VoxOffset}; the voxels must start within the first {MaxExtensionBytes} bytes of the .img file."
                : $"Header field vox_offset is {header.VoxOffset}; in a single NIfTI-{header.Version} file the voxels start after the header, at byte {lowest} to {lowest + MaxExtensionBytes}.");
        }

        return header;
    }

    /// <summary>
    /// Reads the extension flag and the extensions: up to vox_offset in a single file (leaving the input at the voxels),
    /// to the end of the stream in a .hdr file, where the flag itself may be absent.
    /// </summary>
    public static IReadOnlyList<NiftiExtension> ReadExtensions(NiftiInput input, NiftiHeader header)
    {
        Span<byte> flag = stackalloc byte[4];
        if (header.IsPair)
        {
            var got = input.ReadUpTo(flag);
            if (got == 0 || flag[0] == 0)
            {
                return [];
            }

            if (got < flag.Length)
            {
                throw new NiftiFormatException($"The header file ends at byte {input.Position}, inside the 4-byte extension flag.");
            }

            return ReadList(input, header, MaxExtensionBytes, untilEnd: true);
        }

        input.ReadExactly(flag, "the extension flag");
        var region = header.VoxOffset - MinimumSingleFileOffset(header);
        var extensions = flag[0] == 0 ? [] : ReadList(input, header, region, untilEnd: false);
        input.Skip(header.VoxOffset - input.Position, "the bytes between the extensions and vox_offset");
        return extensions;
    }

    private static int MinimumSingleFileOffset(NiftiHeader header) =>
        header.Version == 1 ? Nifti1Layout.MinimumSingleFileOffset : Nifti2Layout.MinimumSingleFileOffset;

    /// <summary>Each extension is esize (including its own 8 bytes), ecode, then esize − 8 bytes of content.</summary>
    private static List<NiftiExtension> ReadList(NiftiInput input, NiftiHeader header, long room, bool untilEnd)
    {
        var extensions = new List<NiftiExtension>();
        Span<byte> prefix = stackalloc byte[8];
        // Fewer than 16 bytes left cannot hold an extension (nifti1.h: esize is a positive multiple of 16); it is padding.
        while (room >= 16)
        {
            var at = input.Position;
            if (untilEnd)
            {
                var got = input.ReadUpTo(prefix);
                if (got == 0)
                {
                    break;
                }

                if (got < prefix.Length)
                {
                    throw new NiftiFormatException($"The header ends at byte {input.Position}, inside the esize/ecode of the extension at byte {at}.");
                }
            }
            else
            {
                input.ReadExactly(prefix, $"esize/ecode of the extension at byte {at}");
            }

            var fields = new HeaderFields(prefix, header.BigEndian);
            var (esize, ecode) = (fields.Int32(0), fields.Int32(4));
            if (esize == 0)
            {
                // Zero bytes are padding up to vox_offset (as nifti1_io reads them), not an extension.
                break;
            }

            // nibabel accepts an esize that is not a multiple of 16 (with a warning); so do we, as long as it fits.
            if (esize < 8 || esize > room)
            {
                throw new NiftiFormatException(
                    $"Extension esize at byte {at} is {esize}; it must be at least 8 and fit in the {room} bytes left before {(untilEnd ? "the extension limit" : "vox_offset")}.");
            }

            extensions.Add(new NiftiExtension(ecode, input.ReadBytes(esize - 8, $"the content of the extension at byte {at}")));
            room -= esize;
        }

        return extensions;
    }
}
