namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// Turns one frame of stored pixel data into samples of the layout's type, interleaved, stored bits not yet masked and
/// colour not yet converted (<see cref="DicomPixelData"/> does both for every codec alike). Implementations hold no
/// mutable state, so frames decode in parallel.
/// </summary>
internal interface IFrameCodec
{
    /// <exception cref="DicomFormatException">The frame's data is malformed.</exception>
    void Decode(int frame, Span<byte> destination);
}
