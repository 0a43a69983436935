namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>The type of one decoded sample, little-endian in memory: unsigned, signed or floating point, and its bits.</summary>
public enum PixelSampleType
{
    U8,
    S8,
    U16,
    S16,
    U32,
    S32,
    F32,
    F64,
}

public static class PixelSampleTypes
{
    /// <summary>Bytes per sample.</summary>
    public static int Size(this PixelSampleType type) => type switch
    {
        PixelSampleType.U8 or PixelSampleType.S8 => 1,
        PixelSampleType.U16 or PixelSampleType.S16 => 2,
        PixelSampleType.U32 or PixelSampleType.S32 or PixelSampleType.F32 => 4,
        PixelSampleType.F64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
