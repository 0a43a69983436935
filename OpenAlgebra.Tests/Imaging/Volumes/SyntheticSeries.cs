using System.Buffers.Binary;
using System.Globalization;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Tests.Imaging.Pixels;

namespace OpenAlgebra.Tests.Imaging.Volumes;

/// <summary>Series of small images with known geometry and a pixel value that says where each pixel came from.</summary>
internal static class SyntheticSeries
{
    public const int Rows = 4;
    public const int Columns = 5;

    /// <summary>Stored value of pixel (i, j) of the image tagged <paramref name="id"/>.</summary>
    public static ushort Value(int id, int i, int j) => (ushort)((id * 100) + (j * 10) + i);

    /// <summary>A single-frame CT-like instance: unsigned 16-bit, its own rescale, at <paramref name="position"/>.</summary>
    public static DicomFile Instance(
        int id, double[] position, double[] orientation, double[]? spacing = null, double slope = 1, double intercept = 0,
        int rows = Rows, int columns = Columns, string series = "1.2.3.4")
    {
        var dataset = SyntheticImages.Attributes(rows, columns, 16);
        dataset.SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, series);
        dataset.SetString(DicomTags.ImagePositionPatient, DicomVR.DS, Text(position));
        dataset.SetString(DicomTags.ImageOrientationPatient, DicomVR.DS, Text(orientation));
        dataset.SetString(DicomTags.PixelSpacing, DicomVR.DS, Text(spacing ?? [0.8, 0.6]));
        dataset.SetString(DicomTags.RescaleSlope, DicomVR.DS, Text([slope]));
        dataset.SetString(DicomTags.RescaleIntercept, DicomVR.DS, Text([intercept]));
        return SyntheticImages.Native(dataset, Pixels(id, rows, columns));
    }

    public static byte[] Pixels(int id, int rows = Rows, int columns = Columns)
    {
        var bytes = new byte[rows * columns * 2];
        for (var j = 0; j < rows; j++)
        {
            for (var i = 0; i < columns; i++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(((j * columns) + i) * 2), Value(id, i, j));
            }
        }

        return bytes;
    }

    /// <summary>A one-item sequence holding one attribute, the shape of a functional group macro.</summary>
    public static DicomSequence Macro(DicomTag sequence, params (DicomTag Tag, double[] Values)[] attributes)
    {
        var item = new DicomDataset();
        foreach (var (tag, values) in attributes)
        {
            item.SetString(tag, DicomVR.DS, Text(values));
        }

        return new DicomSequence(sequence, DicomVR.SQ, [item], undefinedLength: false);
    }

    public static string Text(double[] values) =>
        string.Join('\\', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
