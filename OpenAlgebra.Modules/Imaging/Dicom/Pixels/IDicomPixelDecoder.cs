namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// Decodes the pixels of a DICOM file: native (any byte order, 1 to 32 bits, Float and Double Float Pixel Data),
/// RLE Lossless, and JPEG baseline, extended and lossless. JPEG-LS and JPEG 2000 are not decoded.
/// </summary>
public interface IDicomPixelDecoder
{
    /// <summary>Checks the pixel attributes and locates the frames; decoding happens per frame.</summary>
    /// <exception cref="DicomFormatException">No pixel data, or attributes and data that do not agree.</exception>
    /// <exception cref="UnsupportedTransferSyntaxException">The pixels are compressed in a syntax not decoded here.</exception>
    DicomPixelData Open(DicomFile file);
}
