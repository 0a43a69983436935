using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>
/// Reads NIfTI-1 and NIfTI-2 images (.nii, .nii.gz, .hdr/.img pairs; gzip is recognised from the bytes, not the name)
/// and writes NIfTI-1 .nii.gz. Streams are read forward once; malformed input raises <see cref="NiftiFormatException"/>.
/// </summary>
public interface INiftiCodec
{
    /// <summary>Reads a single-file image (magic n+1 or n+2).</summary>
    Volume Read(Stream stream);

    /// <summary>Reads a single-file image (magic n+1 or n+2) with its header metadata.</summary>
    NiftiImage ReadImage(Stream stream);

    /// <summary>Reads a .hdr/.img pair (magic ni1 or ni2); either stream may be gzip-compressed.</summary>
    NiftiImage ReadPair(Stream header, Stream image);

    /// <summary>Writes a uint8 label mask on the given grid as NIfTI-1 .nii.gz (intent NIFTI_INTENT_LABEL).</summary>
    /// <param name="labels">sizeX · sizeY · sizeZ labels, i fastest.</param>
    void WriteMask(Stream destination, ReadOnlySpan<byte> labels, int sizeX, int sizeY, int sizeZ, Affine ijkToLps);

    /// <summary>Writes a uint16 label mask on the given grid as NIfTI-1 .nii.gz (intent NIFTI_INTENT_LABEL).</summary>
    void WriteMask(Stream destination, ReadOnlySpan<ushort> labels, int sizeX, int sizeY, int sizeZ, Affine ijkToLps);

    /// <summary>Writes an int16 label mask on the given grid as NIfTI-1 .nii.gz (intent NIFTI_INTENT_LABEL).</summary>
    void WriteMask(Stream destination, ReadOnlySpan<short> labels, int sizeX, int sizeY, int sizeZ, Affine ijkToLps);

    /// <summary>Writes a one-channel volume (3D, or 4D when it has frames) as float32 NIfTI-1 .nii.gz.</summary>
    void WriteVolume(Stream destination, Volume volume);

    /// <summary>
    /// Copies a single-file image to .nii.gz with the free-text header fields (descrip, aux_file, intent_name, db_name)
    /// cleared and every header extension dropped; voxels and geometry are kept as they are, in little-endian order.
    /// On failure the destination may hold a partial copy, which the caller discards.
    /// </summary>
    void Deidentify(Stream source, Stream destination);
}
