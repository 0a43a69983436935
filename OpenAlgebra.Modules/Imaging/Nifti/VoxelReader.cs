namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>Reads the voxel bytes a shape declares, a chunk at a time, never trusting the declared size for an allocation.</summary>
internal static class VoxelReader
{
    /// <summary>Floats allocated up front when the stream cannot say how many bytes it holds; grown by doubling as voxels arrive.</summary>
    private const int InitialValues = 1 << 18;

    public static float[] Decode(NiftiInput input, NiftiShape shape, VoxelScaling scaling, bool bigEndian)
    {
        var format = shape.Format;
        var total = shape.Values;
        // Before the allocation: a header that declares more voxels than the file holds must not cost their memory.
        input.EnsureAvailable(shape.StoredBytes, Describe(shape));
        var values = new float[input.KnowsLength ? total : Math.Min(total, InitialValues)];
        ForEachChunk(input, shape, swap: bigEndian == BitConverter.IsLittleEndian, (stored, done, count) =>
        {
            var at = done * format.Channels;
            var end = at + ((long)count * format.Channels);
            if (end > values.Length)
            {
                Array.Resize(ref values, (int)Math.Min(total, Math.Max(end, values.Length * 2L)));
            }

            VoxelDecoder.Decode(stored, values.AsSpan((int)at, (int)(end - at)), format, scaling);
        });

        return values;
    }

    /// <summary>Copies the voxel bytes unchanged except for byte order, which becomes little endian.</summary>
    public static void CopyLittleEndian(NiftiInput input, Stream output, NiftiShape shape, bool bigEndian)
    {
        input.EnsureAvailable(shape.StoredBytes, Describe(shape));
        ForEachChunk(input, shape, swap: bigEndian, (stored, _, _) => output.Write(stored));
    }

    private delegate void ChunkHandler(Span<byte> stored, long done, int count);

    /// <summary>Reads the voxel bytes a bounded chunk at a time (never the declared size at once), in the wanted byte order.</summary>
    private static void ForEachChunk(NiftiInput input, NiftiShape shape, bool swap, ChunkHandler handle)
    {
        var format = shape.Format;
        var what = Describe(shape);
        var scratch = new byte[ChunkVoxels(shape) * format.VoxelSize];
        long done = 0;
        while (done < shape.Voxels)
        {
            var count = (int)Math.Min(ChunkVoxels(shape), shape.Voxels - done);
            var stored = scratch.AsSpan(0, count * format.VoxelSize);
            input.ReadExactly(stored, what);
            if (swap)
            {
                ByteOrder.Reverse(stored, format.ComponentSize);
            }

            handle(stored, done, count);
            done += count;
        }
    }

    private static int ChunkVoxels(NiftiShape shape) => NiftiInput.ChunkSize / shape.Format.VoxelSize;

    private static string Describe(NiftiShape shape) =>
        $"the voxel data ({shape.StoredBytes} bytes for {shape.SizeX}×{shape.SizeY}×{shape.SizeZ}×{shape.Frames} voxels of {shape.Format.Type})";
}
