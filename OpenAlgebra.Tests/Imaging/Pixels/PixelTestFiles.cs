using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;

namespace OpenAlgebra.Tests.Imaging.Pixels;

/// <summary>Reading sample files and decoding all their frames, for the pixel tests.</summary>
internal static class PixelTestFiles
{
    public static readonly DicomCodec Codec = new();
    public static readonly DicomPixelDecoder Decoder = new();

    public static DicomFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Codec.Read(stream);
    }

    public static DicomFile Read(byte[] bytes) => Codec.Read(new MemoryStream(bytes, writable: false));

    /// <summary>Every frame, one after another.</summary>
    public static byte[] DecodeAll(DicomFile file, out PixelLayout layout)
    {
        var pixels = Decoder.Open(file);
        layout = pixels.Layout;
        var all = new byte[(long)pixels.Layout.FrameLength * pixels.FrameCount];
        for (var frame = 0; frame < pixels.FrameCount; frame++)
        {
            pixels.DecodeFrame(frame, all.AsSpan(frame * pixels.Layout.FrameLength));
        }

        return all;
    }

    public static bool HasPixels(DicomFile file) =>
        file.Dataset.Contains(DicomTags.PixelData) || file.Dataset.Contains(DicomTags.FloatPixelData) || file.Dataset.Contains(DicomTags.DoubleFloatPixelData);

    /// <summary>numpy's name for a sample type.</summary>
    public static string NumpyName(PixelSampleType type) => type switch
    {
        PixelSampleType.U8 => "uint8",
        PixelSampleType.S8 => "int8",
        PixelSampleType.U16 => "uint16",
        PixelSampleType.S16 => "int16",
        PixelSampleType.U32 => "uint32",
        PixelSampleType.S32 => "int32",
        PixelSampleType.F32 => "float32",
        _ => "float64",
    };
}
