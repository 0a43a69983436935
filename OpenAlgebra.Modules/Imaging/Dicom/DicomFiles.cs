using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.Imaging.Dicom;

public static class DicomFiles
{
    /// <summary>
    /// A new Part 10 file in Explicit VR Little Endian around a data set this platform created: File Meta Information
    /// names its SOP class and instance and this platform as the writer.
    /// </summary>
    public static DicomFile Create(DicomDataset dataset, ProductInfo product)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(product);
        var meta = new DicomDataset();
        meta.Set(new DicomValueElement(DicomTags.FileMetaInformationVersion, DicomVR.OB, DicomBuffer.FromBytes(new byte[] { 0, 1 })));
        meta.SetString(DicomTags.MediaStorageSopClassUid, DicomVR.UI, dataset.GetString(DicomTags.SopClassUid)
            ?? throw new ArgumentException("The data set has no SOP Class UID.", nameof(dataset)));
        meta.SetString(DicomTags.MediaStorageSopInstanceUid, DicomVR.UI, dataset.GetString(DicomTags.SopInstanceUid)
            ?? throw new ArgumentException("The data set has no SOP Instance UID.", nameof(dataset)));
        var syntax = DicomTransferSyntax.ExplicitVRLittleEndian;
        meta.SetString(DicomTags.TransferSyntaxUid, DicomVR.UI, syntax.Uid);
        meta.SetString(DicomTags.ImplementationClassUid, DicomVR.UI, DicomImplementation.ClassUid);
        meta.SetString(DicomTags.ImplementationVersionName, DicomVR.SH, DicomImplementation.VersionName(product.Version));
        return new DicomFile(new byte[128], meta, dataset, syntax);
    }
}
