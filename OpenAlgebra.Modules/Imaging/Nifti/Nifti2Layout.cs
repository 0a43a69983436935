namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>The 540-byte NIfTI-2 header (nifti2.h): field offsets, parsing and writing.</summary>
internal static class Nifti2Layout
{
    public const int SizeOfHeader = 540;

    /// <summary>Header plus the 4-byte extension flag: the smallest vox_offset of a single file.</summary>
    public const int MinimumSingleFileOffset = SizeOfHeader + 4;

    private const int MagicOffset = 4;

    public static NiftiHeader Parse(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        var isPair = CheckMagic(bytes[MagicOffset..(MagicOffset + 8)]);
        var f = new HeaderFields(bytes, bigEndian);
        var voxOffset = f.Int64(168);
        if (voxOffset < 0)
        {
            throw new NiftiFormatException($"Header field vox_offset is {voxOffset}, not a non-negative byte offset.");
        }

        return new NiftiHeader
        {
            Version = 2,
            BigEndian = bigEndian,
            IsPair = isPair,
            DataType = f.Int16(12),
            BitPix = f.Int16(14),
            Dim = f.Int64s(16, 8),
            IntentP1 = f.Double(80),
            IntentP2 = f.Double(88),
            IntentP3 = f.Double(96),
            PixDim = f.Doubles(104, 8),
            VoxOffset = voxOffset,
            SclSlope = f.Double(176),
            SclInter = f.Double(184),
            CalMax = f.Double(192),
            CalMin = f.Double(200),
            SliceDuration = f.Double(208),
            TOffset = f.Double(216),
            SliceStart = f.Int64(224),
            SliceEnd = f.Int64(232),
            Descrip = f.Text(240, 80),
            AuxFile = f.Text(320, 24),
            QformCode = f.Int32(344),
            SformCode = f.Int32(348),
            QuaternB = f.Double(352),
            QuaternC = f.Double(360),
            QuaternD = f.Double(368),
            QOffsetX = f.Double(376),
            QOffsetY = f.Double(384),
            QOffsetZ = f.Double(392),
            Srow = f.Doubles(400, 12),
            SliceCode = f.Int32(496),
            XyztUnits = f.Int32(500),
            IntentCode = f.Int32(504),
            IntentName = f.Text(508, 16),
            DimInfo = f.UInt8(524),
        };
    }

    /// <summary>Writes a single-file (n+2) header; <paramref name="bytes"/> is at least <see cref="SizeOfHeader"/> long.</summary>
    public static void Write(Span<byte> bytes, NiftiHeader header)
    {
        bytes[..SizeOfHeader].Clear();
        var f = new HeaderFieldWriter(bytes);
        f.Int32(0, SizeOfHeader);
        f.Bytes(MagicOffset, "n+2\0\r\n\x1A\n"u8);
        f.Int16(12, header.DataType);
        f.Int16(14, header.BitPix);
        f.Int64s(16, header.Dim);
        f.Double(80, header.IntentP1);
        f.Double(88, header.IntentP2);
        f.Double(96, header.IntentP3);
        f.Doubles(104, header.PixDim);
        f.Int64(168, MinimumSingleFileOffset);
        f.Double(176, header.SclSlope);
        f.Double(184, header.SclInter);
        f.Double(192, header.CalMax);
        f.Double(200, header.CalMin);
        f.Double(208, header.SliceDuration);
        f.Double(216, header.TOffset);
        f.Int64(224, header.SliceStart);
        f.Int64(232, header.SliceEnd);
        f.Text(240, 80, header.Descrip);
        f.Text(320, 24, header.AuxFile);
        f.Int32(344, header.QformCode);
        f.Int32(348, header.SformCode);
        f.Double(352, header.QuaternB);
        f.Double(360, header.QuaternC);
        f.Double(368, header.QuaternD);
        f.Double(376, header.QOffsetX);
        f.Double(384, header.QOffsetY);
        f.Double(392, header.QOffsetZ);
        f.Doubles(400, header.Srow);
        f.Int32(496, header.SliceCode);
        f.Int32(500, header.XyztUnits);
        f.Int32(504, header.IntentCode);
        f.Text(508, 16, header.IntentName);
        f.UInt8(524, header.DimInfo);
    }

    /// <returns>True for a .hdr/.img pair (ni2), false for a single file (n+2).</returns>
    private static bool CheckMagic(ReadOnlySpan<byte> magic)
    {
        // The four bytes after the name catch files mangled by a text-mode transfer (CR/LF translation), as nifti2.h intends.
        if (magic.SequenceEqual("n+2\0\r\n\x1A\n"u8))
        {
            return false;
        }

        if (magic.SequenceEqual("ni2\0\r\n\x1A\n"u8))
        {
            return true;
        }

        throw new NiftiFormatException(
            $"Header field magic (bytes 4-11) is '{HeaderFields.Printable(magic)}', not 'n+2' or 'ni2' followed by \\r\\n\\x1A\\n.");
    }
}
