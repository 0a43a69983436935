namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>
/// Copies a single-file image with the identifying header parts removed. Voxels pass through as stored (only their byte
/// order may change), so the copy holds exactly the image that was uploaded.
/// </summary>
internal static class NiftiDeidentifier
{
    public static void Copy(Stream source, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var input = NiftiInput.Open(source, "NIfTI");
        var header = NiftiHeaderReader.ReadFixed(input, pair: false);
        // Validates everything a read would, so that only images this codec can read are passed on.
        var plan = NiftiPlan.Of(header);
        NiftiHeaderReader.ReadExtensions(input, header);
        using var gzip = NiftiWriter.Compress(destination);
        NiftiWriter.WriteHeader(gzip, header.Deidentified());
        VoxelReader.CopyLittleEndian(input, gzip, plan.Shape, header.BigEndian);
    }
}
