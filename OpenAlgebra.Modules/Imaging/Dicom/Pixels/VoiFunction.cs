namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>VOI LUT Function (0028,1056), PS3.3 C.11.2.1.3.</summary>
public enum VoiFunction
{
    /// <summary>LINEAR (the default): C.11.2.1.2.1, the window's width counts from the first to the last pixel value.</summary>
    Linear,

    /// <summary>LINEAR_EXACT: C.11.2.1.3.2, the exact linear map of [center − width/2, center + width/2].</summary>
    LinearExact,

    /// <summary>SIGMOID: C.11.2.1.3.1.</summary>
    Sigmoid,
}
