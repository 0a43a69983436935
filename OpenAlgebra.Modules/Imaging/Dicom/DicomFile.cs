namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>A DICOM Part 10 file: preamble, File Meta Information (group 0002) and the data set.</summary>
public sealed class DicomFile(byte[]? preamble, DicomDataset fileMetaInformation, DicomDataset dataset, DicomTransferSyntax transferSyntax)
{
    /// <summary>The 128-byte preamble as read; null for a raw data set without one.</summary>
    public byte[]? Preamble { get; set; } = preamble;

    public DicomDataset FileMetaInformation { get; } = fileMetaInformation;

    public DicomDataset Dataset { get; } = dataset;

    /// <summary>The syntax the data set was encoded in.</summary>
    public DicomTransferSyntax TransferSyntax { get; set; } = transferSyntax;
}
