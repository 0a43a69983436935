namespace OpenAlgebra.Modules.Imaging.Rendering;

/// <summary>The anatomical plane of a rendered slice; <see cref="ISliceRenderer"/> says how each is laid out on screen.</summary>
public enum SlicePlane
{
    /// <summary>Transverse: looking up from the feet, anterior at the top.</summary>
    Axial,

    /// <summary>Frontal: facing the patient, superior at the top.</summary>
    Coronal,

    /// <summary>Side view from the patient's left, anterior on the left, superior at the top.</summary>
    Sagittal,
}
