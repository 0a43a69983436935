namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// The pixel data is compressed in a syntax this decoder does not implement (JPEG-LS, JPEG 2000, or one it does not
/// know). The data set itself reads, de-identifies and writes as usual; only its pixels cannot be had here.
/// </summary>
public sealed class UnsupportedTransferSyntaxException : NotSupportedException
{
    public UnsupportedTransferSyntaxException(DicomTransferSyntax transferSyntax)
        : base($"Pixel data in {transferSyntax.Name} ({transferSyntax.Uid}) is not decodable here; the data set itself reads normally.")
    {
        TransferSyntax = transferSyntax;
    }

    public DicomTransferSyntax TransferSyntax { get; }
}
