using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>What a header says about its voxels, validated in full before any voxel is read.</summary>
internal sealed record NiftiPlan(NiftiShape Shape, VoxelScaling Scaling, Affine IjkToRas, string? Warning)
{
    public static NiftiPlan Of(NiftiHeader header)
    {
        var shape = NiftiShape.Of(header);
        var (ijkToRas, warning) = NiftiGeometry.Best(header);
        return new NiftiPlan(shape, VoxelScaling.Of(header, shape.Format), ijkToRas, warning);
    }

    public NiftiImage Image(NiftiHeader header, float[] values)
    {
        // NIfTI's world is RAS, the Volume's is DICOM's LPS: the same transform with x and y negated.
        var volume = new Volume(Shape.SizeX, Shape.SizeY, Shape.SizeZ, Shape.Frames, Shape.Format.Channels, values,
            IjkToRas.FlipXY(), Warning is null ? [] : [Warning]);
        return new NiftiImage(volume, Shape.Format.Type, header.IntentCode, header.IntentName, header.Descrip);
    }
}
