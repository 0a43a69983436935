namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// What a decoded frame looks like: <see cref="Rows"/> × <see cref="Columns"/> pixels, row by row, each pixel's
/// <see cref="SamplesPerPixel"/> samples side by side (colour is always interleaved, whatever the Planar Configuration),
/// every sample of <see cref="SampleType"/>. Integer samples hold the stored value (Bits Stored wide, masked and, when
/// signed, sign-extended); colour stored as YBR_FULL or YBR_FULL_422 is converted to RGB; 1-bit pixels become one byte
/// each (0 or 1). PALETTE COLOR frames are left as palette indices: apply the palette yourself.
/// </summary>
public sealed record PixelLayout(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    PixelSampleType SampleType,
    int BitsStored,
    string PhotometricInterpretation,
    int FrameCount)
{
    /// <summary>Samples in one frame.</summary>
    public int SamplesPerFrame => Rows * Columns * SamplesPerPixel;

    /// <summary>Bytes of one decoded frame (at most 1 GiB).</summary>
    public int FrameLength => SamplesPerFrame * SampleType.Size();

    /// <summary>MONOCHROME1: the lowest value is displayed white.</summary>
    public bool IsInverted => PhotometricInterpretation == "MONOCHROME1";
}
