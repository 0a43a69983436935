using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>Writes single-file NIfTI, gzip-compressed, little endian, without extensions.</summary>
internal static class NiftiWriter
{
    private const int IntentLabel = 1002;
    private const int XformScannerAnat = 1;
    private const int UnitsMillimetre = 2;

    /// <summary>A NIfTI-1 header for a grid of voxels placed by an LPS affine (the <see cref="Volume"/> convention).</summary>
    public static NiftiHeader Header(int sizeX, int sizeY, int sizeZ, int frames, Affine ijkToLps, NiftiDataType type, bool label)
    {
        ArgumentNullException.ThrowIfNull(ijkToLps);
        foreach (var (size, name) in new[] { (sizeX, nameof(sizeX)), (sizeY, nameof(sizeY)), (sizeZ, nameof(sizeZ)), (frames, nameof(frames)) })
        {
            // NIfTI-1 stores each dimension as a 16-bit integer.
            if (size is < 1 or > short.MaxValue)
            {
                throw new ArgumentOutOfRangeException(name, size, $"A NIfTI-1 dimension is 1 to {short.MaxValue}.");
            }
        }

        var ras = ijkToLps.FlipXY();
        var m = ras.ToRowMajor3x4();
        double[] linear = [m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]];
        var determinant = NiftiQuaternion.Determinant(linear);
        if (!m.All(double.IsFinite) || determinant == 0)
        {
            throw new ArgumentException($"The affine {ijkToLps} is not an invertible, finite transform.", nameof(ijkToLps));
        }

        var (b, c, d, qfac, dx, dy, dz) = NiftiGeometry.ToQform(ras);
        var format = VoxelFormat.Of((int)type);
        return new NiftiHeader
        {
            Version = 1,
            Dim = [frames > 1 ? 4 : 3, sizeX, sizeY, sizeZ, frames, 1, 1, 1],
            // The grid spacing; pixdim[4] (time step) is unknown here and left at 1, nibabel's default.
            PixDim = [qfac, dx, dy, dz, 1, 1, 1, 1],
            DataType = (int)type,
            BitPix = format.VoxelSize * 8,
            IntentCode = label ? IntentLabel : 0,
            SclSlope = 1,
            XyztUnits = UnitsMillimetre,
            QformCode = XformScannerAnat,
            SformCode = XformScannerAnat,
            QuaternB = b,
            QuaternC = c,
            QuaternD = d,
            QOffsetX = m[3],
            QOffsetY = m[7],
            QOffsetZ = m[11],
            Srow = m,
        };
    }

    public static void Write<T>(Stream destination, NiftiHeader header, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var gzip = Compress(destination);
        WriteHeader(gzip, header);
        var bytes = MemoryMarshal.AsBytes(values);
        if (BitConverter.IsLittleEndian)
        {
            gzip.Write(bytes);
            return;
        }

        var scratch = new byte[NiftiInput.ChunkSize];
        for (var at = 0; at < bytes.Length; at += scratch.Length)
        {
            var piece = scratch.AsSpan(0, Math.Min(scratch.Length, bytes.Length - at));
            bytes.Slice(at, piece.Length).CopyTo(piece);
            ByteOrder.Reverse(piece, Unsafe.SizeOf<T>());
            gzip.Write(piece);
        }
    }

    public static GZipStream Compress(Stream destination) => new(destination, CompressionLevel.Optimal, leaveOpen: true);

    /// <summary>The header in its own version, then a zero extension flag: the voxels follow at the smallest vox_offset.</summary>
    public static void WriteHeader(Stream output, NiftiHeader header)
    {
        Span<byte> bytes = stackalloc byte[Nifti2Layout.MinimumSingleFileOffset];
        if (header.Version == 1)
        {
            bytes = bytes[..Nifti1Layout.MinimumSingleFileOffset];
            Nifti1Layout.Write(bytes, header);
        }
        else
        {
            Nifti2Layout.Write(bytes, header);
        }

        bytes[^4..].Clear();
        output.Write(bytes);
    }
}
