using OpenAlgebra.Modules.Imaging.Dicom.Pixels;

namespace OpenAlgebra.Modules.Imaging.Rendering;

/// <summary>
/// What a rendered slice is: <see cref="Width"/> × <see cref="Height"/> pixels of <see cref="Channels"/> bytes (1 gray,
/// 3 RGB, 4 RGBA label colours), each pixel <see cref="PixelWidthMm"/> wide and <see cref="PixelHeightMm"/> high in the patient, and the
/// window that made them. The pixels are not resampled: a viewer scales a non-isotropic slice by these sizes.
/// </summary>
public sealed record SliceLayout(int Width, int Height, int Channels, double PixelWidthMm, double PixelHeightMm, VoiWindow Window);
