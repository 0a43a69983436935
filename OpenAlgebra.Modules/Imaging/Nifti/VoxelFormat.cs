namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>How one voxel of a datatype is laid out: components of one primitive type, each byte-swapped on its own.</summary>
/// <param name="ComponentSize">Bytes per component; the unit of byte swapping.</param>
/// <param name="Channels">Components per voxel (2 for complex, 3 RGB, 4 RGBA).</param>
/// <param name="Scaled">Whether scl_slope/scl_inter apply; nifti1.h exempts the RGB types.</param>
internal sealed record VoxelFormat(NiftiDataType Type, int ComponentSize, int Channels, bool Scaled)
{
    public int VoxelSize => ComponentSize * Channels;

    /// <summary>The format of a header datatype code, or a <see cref="NiftiFormatException"/> saying why it cannot be read.</summary>
    public static VoxelFormat Of(int datatype) => datatype switch
    {
        2 => new(NiftiDataType.UInt8, 1, 1, true),
        4 => new(NiftiDataType.Int16, 2, 1, true),
        8 => new(NiftiDataType.Int32, 4, 1, true),
        16 => new(NiftiDataType.Float32, 4, 1, true),
        32 => new(NiftiDataType.Complex64, 4, 2, true),
        64 => new(NiftiDataType.Float64, 8, 1, true),
        128 => new(NiftiDataType.Rgb24, 1, 3, false),
        256 => new(NiftiDataType.Int8, 1, 1, true),
        512 => new(NiftiDataType.UInt16, 2, 1, true),
        768 => new(NiftiDataType.UInt32, 4, 1, true),
        1024 => new(NiftiDataType.Int64, 8, 1, true),
        1280 => new(NiftiDataType.UInt64, 8, 1, true),
        1792 => new(NiftiDataType.Complex128, 8, 2, true),
        2304 => new(NiftiDataType.Rgba32, 1, 4, false),
        1536 => throw new NiftiFormatException(
            "Header field datatype is 1536 (FLOAT128): 128-bit floating point voxels have no portable representation and are not supported."),
        2048 => throw new NiftiFormatException(
            "Header field datatype is 2048 (COMPLEX256): 128-bit floating point components have no portable representation and are not supported."),
        1 => throw new NiftiFormatException("Header field datatype is 1 (BINARY): 1-bit voxels are not supported."),
        _ => throw new NiftiFormatException($"Header field datatype is {datatype}, which is not a NIfTI voxel type."),
    };
}
