namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>The 348-byte NIfTI-1 header (nifti1.h): field offsets, parsing and writing.</summary>
internal static class Nifti1Layout
{
    public const int SizeOfHeader = 348;

    /// <summary>Header plus the 4-byte extension flag: the smallest vox_offset of a single file.</summary>
    public const int MinimumSingleFileOffset = SizeOfHeader + 4;

    private const int MagicOffset = 344;

    public static NiftiHeader Parse(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        var isPair = CheckMagic(bytes[MagicOffset..(MagicOffset + 4)]);
        var f = new HeaderFields(bytes, bigEndian);
        return new NiftiHeader
        {
            Version = 1,
            BigEndian = bigEndian,
            IsPair = isPair,
            DbName = f.Text(14, 18),
            DimInfo = f.UInt8(39),
            Dim = f.Int16s(40, 8),
            IntentP1 = f.Single(56),
            IntentP2 = f.Single(60),
            IntentP3 = f.Single(64),
            IntentCode = f.Int16(68),
            DataType = f.Int16(70),
            BitPix = f.Int16(72),
            SliceStart = f.Int16(74),
            PixDim = f.Singles(76, 8),
            VoxOffset = WholeOffset(f.Single(108)),
            SclSlope = f.Single(112),
            SclInter = f.Single(116),
            SliceEnd = f.Int16(120),
            SliceCode = f.UInt8(122),
            XyztUnits = f.UInt8(123),
            CalMax = f.Single(124),
            CalMin = f.Single(128),
            SliceDuration = f.Single(132),
            TOffset = f.Single(136),
            Descrip = f.Text(148, 80),
            AuxFile = f.Text(228, 24),
            QformCode = f.Int16(252),
            SformCode = f.Int16(254),
            QuaternB = f.Single(256),
            QuaternC = f.Single(260),
            QuaternD = f.Single(264),
            QOffsetX = f.Single(268),
            QOffsetY = f.Single(272),
            QOffsetZ = f.Single(276),
            Srow = f.Singles(280, 12),
            IntentName = f.Text(328, 16),
        };
    }

    /// <summary>Writes a single-file (n+1) header; <paramref name="bytes"/> is at least <see cref="SizeOfHeader"/> long.</summary>
    public static void Write(Span<byte> bytes, NiftiHeader header)
    {
        bytes[..SizeOfHeader].Clear();
        var f = new HeaderFieldWriter(bytes);
        f.Int32(0, SizeOfHeader);
        f.Text(14, 18, header.DbName);
        // Analyze 7.5 readers expect 'r' (regular) here; NIfTI ignores it.
        f.UInt8(38, 'r');
        f.UInt8(39, header.DimInfo);
        f.Int16s(40, header.Dim);
        f.Single(56, header.IntentP1);
        f.Single(60, header.IntentP2);
        f.Single(64, header.IntentP3);
        f.Int16(68, header.IntentCode);
        f.Int16(70, header.DataType);
        f.Int16(72, header.BitPix);
        f.Int16(74, header.SliceStart);
        f.Singles(76, header.PixDim);
        f.Single(108, MinimumSingleFileOffset);
        f.Single(112, header.SclSlope);
        f.Single(116, header.SclInter);
        f.Int16(120, header.SliceEnd);
        f.UInt8(122, header.SliceCode);
        f.UInt8(123, header.XyztUnits);
        f.Single(124, header.CalMax);
        f.Single(128, header.CalMin);
        f.Single(132, header.SliceDuration);
        f.Single(136, header.TOffset);
        f.Text(148, 80, header.Descrip);
        f.Text(228, 24, header.AuxFile);
        f.Int16(252, header.QformCode);
        f.Int16(254, header.SformCode);
        f.Single(256, header.QuaternB);
        f.Single(260, header.QuaternC);
        f.Single(264, header.QuaternD);
        f.Single(268, header.QOffsetX);
        f.Single(272, header.QOffsetY);
        f.Single(276, header.QOffsetZ);
        f.Singles(280, header.Srow);
        f.Text(328, 16, header.IntentName);
        f.Bytes(MagicOffset, "n+1\0"u8);
    }

    /// <returns>True for a .hdr/.img pair (ni1), false for a single file (n+1).</returns>
    private static bool CheckMagic(ReadOnlySpan<byte> magic)
    {
        if (magic.SequenceEqual("n+1\0"u8))
        {
            return false;
        }

        if (magic.SequenceEqual("ni1\0"u8))
        {
            return true;
        }

        throw new NiftiFormatException(
            $"Header field magic (byte 344) is '{HeaderFields.Printable(magic)}', not 'n+1' or 'ni1': this is not a NIfTI-1 file (an Analyze 7.5 header has the same size).");
    }

    /// <summary>NIfTI-1 stores vox_offset as a float; anything but a whole, non-negative byte count is corrupt.</summary>
    private static long WholeOffset(double value)
    {
        if (!double.IsFinite(value) || value < 0 || value != Math.Floor(value))
        {
            throw new NiftiFormatException($"Header field vox_offset is {value}, not a whole non-negative byte offset.");
        }

        return (long)value;
    }
}
