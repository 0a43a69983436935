using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging.Nifti;

internal sealed class NiftiCodec : INiftiCodec
{
    public Volume Read(Stream stream) => ReadImage(stream).Volume;

    public NiftiImage ReadImage(Stream stream) => NiftiReader.ReadSingle(stream).Image;

    public NiftiImage ReadPair(Stream header, Stream image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return NiftiReader.ReadPair(header, image).Image;
    }

    public void WriteMask(Stream destination, ReadOnlySpan<byte> labels, int sizeX, int sizeY, int sizeZ, Affine ijkToLps) =>
        WriteLabels(destination, labels, sizeX, sizeY, sizeZ, ijkToLps, NiftiDataType.UInt8);

    public void WriteMask(Stream destination, ReadOnlySpan<ushort> labels, int sizeX, int sizeY, int sizeZ, Affine ijkToLps) =>
        WriteLabels(destination, labels, sizeX, sizeY, sizeZ, ijkToLps, NiftiDataType.UInt16);

    public void WriteMask(Stream destination, ReadOnlySpan<short> labels, int sizeX, int sizeY, int sizeZ, Affine ijkToLps) =>
        WriteLabels(destination, labels, sizeX, sizeY, sizeZ, ijkToLps, NiftiDataType.Int16);

    public void WriteVolume(Stream destination, Volume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (volume.Channels != 1)
        {
            throw new ArgumentException($"Only one-channel volumes are written; this one has {volume.Channels} channels.", nameof(volume));
        }

        var header = NiftiWriter.Header(volume.SizeX, volume.SizeY, volume.SizeZ, volume.Frames, volume.IjkToLps, NiftiDataType.Float32, label: false);
        NiftiWriter.Write<float>(destination, header, volume.Voxels);
    }

    public void Deidentify(Stream source, Stream destination) => NiftiDeidentifier.Copy(source, destination);

    private static void WriteLabels<T>(Stream destination, ReadOnlySpan<T> labels, int sizeX, int sizeY, int sizeZ, Affine ijkToLps, NiftiDataType type)
        where T : unmanaged
    {
        var header = NiftiWriter.Header(sizeX, sizeY, sizeZ, 1, ijkToLps, type, label: true);
        if (labels.Length != (long)sizeX * sizeY * sizeZ)
        {
            throw new ArgumentException($"A {sizeX}×{sizeY}×{sizeZ} mask needs {(long)sizeX * sizeY * sizeZ} labels, got {labels.Length}.", nameof(labels));
        }

        NiftiWriter.Write(destination, header, labels);
    }
}
