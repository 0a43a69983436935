namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>Header, extensions, then voxels: every check that needs only the header runs before any voxel is read.</summary>
internal static class NiftiReader
{
    public static (NiftiHeader Header, NiftiImage Image) ReadSingle(Stream stream)
    {
        using var input = NiftiInput.Open(stream, "NIfTI");
        var header = NiftiHeaderReader.ReadFixed(input, pair: false);
        var plan = NiftiPlan.Of(header);
        header = header with { Extensions = NiftiHeaderReader.ReadExtensions(input, header) };
        return (header, plan.Image(header, VoxelReader.Decode(input, plan.Shape, plan.Scaling, header.BigEndian)));
    }

    public static (NiftiHeader Header, NiftiImage Image) ReadPair(Stream headerStream, Stream imageStream)
    {
        NiftiHeader header;
        NiftiPlan plan;
        using (var input = NiftiInput.Open(headerStream, "NIfTI header (.hdr)"))
        {
            header = NiftiHeaderReader.ReadFixed(input, pair: true);
            plan = NiftiPlan.Of(header);
            header = header with { Extensions = NiftiHeaderReader.ReadExtensions(input, header) };
        }

        using var image = NiftiInput.Open(imageStream, "NIfTI image (.img)");
        image.Skip(header.VoxOffset, "the bytes before vox_offset");
        return (header, plan.Image(header, VoxelReader.Decode(image, plan.Shape, plan.Scaling, header.BigEndian)));
    }
}
