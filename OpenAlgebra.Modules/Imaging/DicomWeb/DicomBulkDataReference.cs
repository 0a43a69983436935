using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>
/// An attribute whose value was given in DICOM JSON as a "BulkDataURI": the bytes are elsewhere (for STOW-RS, in
/// another part of the same request). Replace it with the fetched value before writing the data set as Part 10;
/// the codec refuses to write it.
/// </summary>
public sealed class DicomBulkDataReference(DicomTag tag, DicomVR vr, string uri) : DicomElement(tag, vr)
{
    public string Uri { get; } = uri;
}
