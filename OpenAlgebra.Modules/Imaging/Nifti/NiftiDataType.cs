namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>The voxel types of nifti1.h this codec reads, with their header codes.</summary>
// The names are nifti1.h's (NIFTI_TYPE_UINT8, …), which people who know the format look for; CA1720 objects to type names.
#pragma warning disable CA1720
public enum NiftiDataType
{
    UInt8 = 2,
    Int16 = 4,
    Int32 = 8,
    Float32 = 16,

    /// <summary>Two float32 channels per voxel: real, imaginary.</summary>
    Complex64 = 32,
    Float64 = 64,

    /// <summary>Three uint8 channels per voxel: red, green, blue.</summary>
    Rgb24 = 128,
    Int8 = 256,
    UInt16 = 512,
    UInt32 = 768,
    Int64 = 1024,
    UInt64 = 1280,

    /// <summary>Two float64 channels per voxel: real, imaginary.</summary>
    Complex128 = 1792,

    /// <summary>Four uint8 channels per voxel: red, green, blue, alpha.</summary>
    Rgba32 = 2304,
}
#pragma warning restore CA1720
