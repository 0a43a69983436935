using OpenAlgebra.Modules.Imaging.Dicom.Pixels;

namespace OpenAlgebra.Modules.Imaging.Volumes;

/// <summary>One image of a series with its place in the patient: a frame of one instance's pixel data.</summary>
/// <param name="Label">Names the image in messages: its instance and frame.</param>
/// <param name="RowDirection">Direction of increasing column index (Image Orientation's first triplet).</param>
/// <param name="ColumnDirection">Direction of increasing row index (Image Orientation's second triplet).</param>
/// <param name="RowSpacing">Pixel Spacing[0]: the distance between rows, along <paramref name="ColumnDirection"/>.</param>
/// <param name="ColumnSpacing">Pixel Spacing[1]: the distance between columns, along <paramref name="RowDirection"/>.</param>
/// <param name="SliceSpacing">Spacing Between Slices, else Slice Thickness: only used when there is one slice.</param>
internal sealed record Slice(
    DicomPixelData Pixels,
    int Frame,
    string Label,
    Vector3D Position,
    Vector3D RowDirection,
    Vector3D ColumnDirection,
    double RowSpacing,
    double ColumnSpacing,
    bool SpacingGiven,
    double? SliceSpacing,
    ModalityRescale Rescale);
