namespace OpenAlgebra.Modules.Imaging.Volumes;

/// <summary>
/// Voxels in modality units (HU for CT) on a regular grid, with the grid's place in the patient.
/// Index of voxel (i, j, k) in frame t, channel c: ((((t · SizeZ + k) · SizeY + j) · SizeX + i) · Channels + c).
/// </summary>
public sealed class Volume
{
    public Volume(int sizeX, int sizeY, int sizeZ, int frames, int channels, float[] voxels, Affine ijkToLps, IReadOnlyList<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        ArgumentNullException.ThrowIfNull(ijkToLps);
        if (sizeX < 1 || sizeY < 1 || sizeZ < 1 || frames < 1 || channels < 1)
        {
            throw new ArgumentException($"Volume dimensions must be positive, got {sizeX}×{sizeY}×{sizeZ}, {frames} frames, {channels} channels.");
        }

        var expected = (long)sizeX * sizeY * sizeZ * frames * channels;
        if (voxels.LongLength != expected)
        {
            throw new ArgumentException($"A {sizeX}×{sizeY}×{sizeZ}×{frames}×{channels} volume needs {expected} voxels, got {voxels.LongLength}.", nameof(voxels));
        }

        SizeX = sizeX;
        SizeY = sizeY;
        SizeZ = sizeZ;
        Frames = frames;
        Channels = channels;
        Voxels = voxels;
        IjkToLps = ijkToLps;
        Warnings = warnings ?? [];
    }

    /// <summary>Columns (i).</summary>
    public int SizeX { get; }

    /// <summary>Rows (j).</summary>
    public int SizeY { get; }

    /// <summary>Slices (k).</summary>
    public int SizeZ { get; }

    /// <summary>The fourth dimension (time points); 1 for a 3D volume.</summary>
    public int Frames { get; }

    /// <summary>Values per voxel: 1, 2 for complex (real, imaginary), 3 for RGB.</summary>
    public int Channels { get; }

    public float[] Voxels { get; }

    /// <summary>Voxel index → DICOM patient coordinates (LPS, mm).</summary>
    public Affine IjkToLps { get; }

    /// <summary>Voxel index → NIfTI/nibabel world coordinates (RAS, mm).</summary>
    public Affine IjkToRas => IjkToLps.FlipXY();

    public (double I, double J, double K) Spacing => IjkToLps.Spacing;

    /// <summary>What the reader noticed but did not correct, e.g. unevenly spaced or missing slices.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// The window the source files give for display (DICOM Window Center/Width of the series), which a viewer's
    /// automatic window uses; null when they give none.
    /// </summary>
    public Dicom.Pixels.VoiWindow? SourceWindow { get; init; }

    public float this[int i, int j, int k] => Voxels[((((long)k * SizeY) + j) * SizeX + i) * Channels];
}
