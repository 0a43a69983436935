namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>The voxel grid a header declares, checked before a single voxel byte is read.</summary>
internal sealed record NiftiShape(int SizeX, int SizeY, int SizeZ, int Frames, VoxelFormat Format)
{
    /// <summary>Floats one <see cref="Volumes.Volume"/> can hold: the longest .NET array.</summary>
    public const long MaxValues = 0x7FFFFFC7;

    public long Voxels => (long)SizeX * SizeY * SizeZ * Frames;

    /// <summary>Floats in the decoded volume: one per channel of each voxel.</summary>
    public long Values => Voxels * Format.Channels;

    public long StoredBytes => Voxels * Format.VoxelSize;

    public static NiftiShape Of(NiftiHeader header)
    {
        // bitpix is not consulted: datatype alone fixes the voxel size, and nibabel and nifti1_io repair a wrong bitpix too.
        var format = VoxelFormat.Of(header.DataType);
        var rank = header.Dim[0];
        if (rank is < 1 or > 7)
        {
            throw new NiftiFormatException($"Header field dim[0] is {rank}; the number of dimensions must be 1 to 7.");
        }

        var sizes = new long[] { 1, 1, 1, 1 };
        long values = format.Channels;
        for (var n = 1; n <= rank; n++)
        {
            var size = header.Dim[n];
            if (size < 1)
            {
                throw new NiftiFormatException($"Header field dim[{n}] is {size}; every dimension up to dim[0] = {rank} must be at least 1.");
            }

            if (n > 4)
            {
                if (size > 1)
                {
                    throw new NiftiFormatException(
                        $"Header field dim[{n}] is {size}: only images of up to 4 dimensions (x, y, z, t) are supported.");
                }

                continue;
            }

            if (size > MaxValues / values)
            {
                throw new NiftiFormatException(
                    $"Header fields dim[1..{rank}] = {string.Join(" × ", header.Dim.Skip(1).Take((int)rank))} with datatype {header.DataType} declare more than {MaxValues} values, the most one volume can hold.");
            }

            values *= size;
            sizes[n - 1] = size;
        }

        return new NiftiShape((int)sizes[0], (int)sizes[1], (int)sizes[2], (int)sizes[3], format);
    }
}
