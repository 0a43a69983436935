namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// The Image Pixel module attributes that shape the pixel data (PS3.3 C.7.6.3), read and checked once so that every
/// decoder can trust them: a header that lies about sizes is refused before anything is allocated for it.
/// </summary>
internal sealed record PixelAttributes(
    DicomTag DataTag,
    int Rows,
    int Columns,
    int Samples,
    int BitsAllocated,
    int BitsStored,
    int HighBit,
    bool Signed,
    bool Planar,
    string Photometric,
    int Frames)
{
    /// <summary>The largest decoded frame accepted: anything bigger is a corrupt header, not an image.</summary>
    public const long MaxFrameLength = 1L << 30;

    public bool IsFloat => DataTag != DicomTags.PixelData;

    /// <summary>YBR_FULL_422 in native data: two luminance samples share one pair of chrominance samples.</summary>
    public bool IsYbr422 => Photometric == "YBR_FULL_422";

    /// <summary>Colour that the decoder converts to RGB (PS3.3 C.7.6.3.1.2).</summary>
    public bool IsYbr => Photometric is "YBR_FULL" or "YBR_FULL_422";

    public PixelSampleType SampleType => (BitsAllocated, IsFloat, Signed) switch
    {
        (32, true, _) => PixelSampleType.F32,
        (64, true, _) => PixelSampleType.F64,
        (1 or 8, _, false) => PixelSampleType.U8,
        (8, _, true) => PixelSampleType.S8,
        (16, _, false) => PixelSampleType.U16,
        (16, _, true) => PixelSampleType.S16,
        (32, _, false) => PixelSampleType.U32,
        _ => PixelSampleType.S32,
    };

    /// <summary>Bytes per stored sample; 0 for 1-bit data, which is packed eight pixels to a byte.</summary>
    public int BytesPerSample => BitsAllocated / 8;

    public int PixelsPerFrame => Rows * Columns;

    public PixelLayout Layout => new(Rows, Columns, Samples, SampleType, BitsStored, IsYbr ? "RGB" : Photometric, Frames);

    /// <exception cref="DicomFormatException">An attribute is missing, out of range or inconsistent with the others.</exception>
    public static PixelAttributes Read(DicomDataset dataset, DicomTag dataTag)
    {
        var rows = Integer(dataset, DicomTags.Rows, null, 1, ushort.MaxValue);
        var columns = Integer(dataset, DicomTags.Columns, null, 1, ushort.MaxValue);
        var samples = Integer(dataset, DicomTags.SamplesPerPixel, 1, 1, 3);
        if (samples == 2)
        {
            throw Invalid("Samples per Pixel must be 1 or 3", DicomTags.SamplesPerPixel);
        }

        var isFloat = dataTag != DicomTags.PixelData;
        var bitsAllocated = Integer(dataset, DicomTags.BitsAllocated, null, 1, 64);
        var allowed = dataTag == DicomTags.FloatPixelData ? bitsAllocated == 32
            : dataTag == DicomTags.DoubleFloatPixelData ? bitsAllocated == 64
            : bitsAllocated is 1 or 8 or 16 or 32;
        if (!allowed)
        {
            throw Invalid($"Bits Allocated {bitsAllocated} is not supported for {DicomRegistry.Describe(dataTag)}", DicomTags.BitsAllocated);
        }

        // Float data has no Bits Stored; integer data that omits it is taken as using every allocated bit.
        var bitsStored = isFloat ? bitsAllocated : Integer(dataset, DicomTags.BitsStored, bitsAllocated, 1, bitsAllocated);
        var highBit = isFloat ? bitsAllocated - 1 : Integer(dataset, DicomTags.HighBit, bitsStored - 1, bitsStored - 1, bitsAllocated - 1);
        var photometric = (dataset.GetString(DicomTags.PhotometricInterpretation) ?? "").Trim();
        if (photometric.Length == 0)
        {
            photometric = samples == 1 ? "MONOCHROME2" : "RGB";
        }

        var expectedSamples = photometric switch
        {
            "MONOCHROME1" or "MONOCHROME2" or "PALETTE COLOR" => 1,
            "RGB" or "YBR_FULL" or "YBR_FULL_422" => 3,
            _ => throw Invalid($"Photometric Interpretation '{photometric}' is not supported", DicomTags.PhotometricInterpretation),
        };
        if (samples != expectedSamples)
        {
            throw Invalid($"{photometric} needs {expectedSamples} samples per pixel, the data set says {samples}", DicomTags.SamplesPerPixel);
        }

        if (bitsAllocated == 1 && samples != 1)
        {
            throw Invalid("1-bit pixel data must have one sample per pixel", DicomTags.BitsAllocated);
        }

        // Signed colour has no meaning (C.7.6.3.1.4); such samples are read as unsigned.
        var signed = !isFloat && samples == 1 && bitsAllocated > 1
            && Integer(dataset, DicomTags.PixelRepresentation, 0, 0, 1) == 1;
        var planar = samples > 1 && Integer(dataset, DicomTags.PlanarConfiguration, 0, 0, 1) == 1;
        var frames = Integer(dataset, DicomTags.NumberOfFrames, 1, 1, int.MaxValue);
        var attributes = new PixelAttributes(dataTag, rows, columns, samples, bitsAllocated, bitsStored, highBit, signed, planar, photometric, frames);
        var frameLength = (long)rows * columns * samples * attributes.SampleType.Size();
        if (frameLength > MaxFrameLength)
        {
            throw Invalid($"A frame of {rows}×{columns}×{samples} samples of {bitsAllocated} bits ({frameLength} bytes) is larger than the 1 GiB accepted", DicomTags.Rows);
        }

        return attributes;
    }

    internal static DicomFormatException Invalid(string message, DicomTag tag) => new(message, tag, -1);

    private static int Integer(DicomDataset dataset, DicomTag tag, int? fallback, int min, int max)
    {
        double? value;
        try
        {
            value = dataset.GetNumber(tag);
        }
        catch (FormatException e)
        {
            throw new DicomFormatException(e.Message, tag, -1, e);
        }

        if (value is null)
        {
            return fallback ?? throw Invalid($"{DicomRegistry.Describe(tag)} is missing", tag);
        }

        if (value != Math.Floor(value.Value) || value < min || value > max)
        {
            throw Invalid($"{DicomRegistry.Describe(tag)} is {value}, outside {min}–{max}", tag);
        }

        return (int)value.Value;
    }
}
