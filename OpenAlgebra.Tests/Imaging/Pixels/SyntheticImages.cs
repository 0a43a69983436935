using System.Globalization;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Tests.Imaging.Pixels;

/// <summary>Data sets built in memory with exactly the pixel attributes a test needs.</summary>
internal static class SyntheticImages
{
    public static DicomDataset Attributes(
        int rows, int columns, int bitsAllocated, int samples = 1, int? bitsStored = null, int? highBit = null,
        bool signed = false, string? photometric = null, int frames = 1, bool planar = false)
    {
        var dataset = new DicomDataset();
        dataset.SetUInt16(DicomTags.Rows, (ushort)rows);
        dataset.SetUInt16(DicomTags.Columns, (ushort)columns);
        dataset.SetUInt16(DicomTags.SamplesPerPixel, (ushort)samples);
        dataset.SetUInt16(DicomTags.BitsAllocated, (ushort)bitsAllocated);
        dataset.SetUInt16(DicomTags.BitsStored, (ushort)(bitsStored ?? bitsAllocated));
        dataset.SetUInt16(DicomTags.HighBit, (ushort)(highBit ?? ((bitsStored ?? bitsAllocated) - 1)));
        dataset.SetUInt16(DicomTags.PixelRepresentation, (ushort)(signed ? 1 : 0));
        dataset.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, photometric ?? (samples == 1 ? "MONOCHROME2" : "RGB"));
        if (samples > 1)
        {
            dataset.SetUInt16(DicomTags.PlanarConfiguration, (ushort)(planar ? 1 : 0));
        }

        if (frames != 1)
        {
            dataset.SetString(DicomTags.NumberOfFrames, DicomVR.IS, frames.ToString(CultureInfo.InvariantCulture));
        }

        return dataset;
    }

    /// <summary>A native file: <paramref name="pixels"/> as the (little-endian) value of Pixel Data.</summary>
    public static DicomFile Native(DicomDataset attributes, byte[] pixels, DicomVR? vr = null, DicomTransferSyntax? syntax = null)
    {
        attributes.Set(new DicomValueElement(DicomTags.PixelData, vr ?? DicomVR.OW, DicomBuffer.FromBytes(pixels)));
        return File(attributes, syntax ?? DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    /// <summary>An encapsulated file with the given offset table (empty for none) and fragments.</summary>
    public static DicomFile Encapsulated(DicomDataset attributes, DicomTransferSyntax syntax, byte[] offsetTable, params byte[][] fragments)
    {
        attributes.Set(new DicomFragments(
            DicomTags.PixelData, DicomVR.OB, DicomBuffer.FromBytes(offsetTable), fragments.Select(f => DicomBuffer.FromBytes(f)).ToList()));
        return File(attributes, syntax);
    }

    public static DicomFile File(DicomDataset dataset, DicomTransferSyntax syntax) => new(null, new DicomDataset(), dataset, syntax);

    /// <summary>Writes the file in its syntax and reads it back, as a file from disk would arrive.</summary>
    public static DicomFile RoundTrip(DicomFile file)
    {
        var stream = new MemoryStream();
        PixelTestFiles.Codec.Write(file, stream);
        stream.Position = 0;
        return PixelTestFiles.Codec.Read(stream);
    }
}
