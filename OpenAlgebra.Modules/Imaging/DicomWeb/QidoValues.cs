using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>Values of a data set as matching sees them.</summary>
internal static class QidoValues
{
    /// <summary>The numbers of an attribute; a DS or IS that is not a number matches no number.</summary>
    public static double[] Numbers(DicomDataset dataset, DicomTag tag)
    {
        try
        {
            return dataset.GetNumbers(tag);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
