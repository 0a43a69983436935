namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>Numbers of a data set where a malformed DS/IS value is a format error of the file, not of the caller.</summary>
internal static class DatasetNumbers
{
    public static double[] Get(DicomDataset dataset, DicomTag tag)
    {
        try
        {
            return dataset.GetNumbers(tag);
        }
        catch (FormatException e)
        {
            throw new DicomFormatException(e.Message, tag, -1, e);
        }
    }

    public static double? First(DicomDataset dataset, DicomTag tag) => Get(dataset, tag) is [var first, ..] ? first : null;
}
