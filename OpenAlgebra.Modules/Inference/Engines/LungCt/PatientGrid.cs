using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Inference.Engines.LungCt;

/// <summary>
/// The volume's grid reordered so that its axes run, as nearly as the grid allows, along the patient's left–right
/// (a), anterior–posterior (b) and inferior–superior (s) axes: axial slices along s whatever the acquisition plane.
/// The segmentation works in this order and maps its labels back to the source grid.
/// </summary>
internal sealed class PatientGrid
{
    private readonly long _strideA, _strideB, _strideS;

    private PatientGrid(int sizeA, int sizeB, int sizeS, long strideA, long strideB, long strideS, bool aTowardLeft, bool sTowardHead,
        double spacingA, double spacingB)
    {
        (SizeA, SizeB, SizeS) = (sizeA, sizeB, sizeS);
        (_strideA, _strideB, _strideS) = (strideA, strideB, strideS);
        ATowardLeft = aTowardLeft;
        STowardHead = sTowardHead;
        PixelAreaMm2 = spacingA * spacingB;
        SpacingA = spacingA;
    }

    public int SizeA { get; }
    public int SizeB { get; }
    public int SizeS { get; }
    public int Length => SizeA * SizeB * SizeS;

    /// <summary>Whether a larger a is further to the patient's left (LPS x grows toward the left).</summary>
    public bool ATowardLeft { get; }

    /// <summary>Whether a larger s is further toward the head.</summary>
    public bool STowardHead { get; }

    /// <summary>The area of one voxel in an axial (a, b) slice.</summary>
    public double PixelAreaMm2 { get; }

    public double SpacingA { get; }

    public static PatientGrid Of(Volume volume)
    {
        var affine = volume.IjkToLps;
        var sizes = new[] { volume.SizeX, volume.SizeY, volume.SizeZ };
        var strides = new[] { 1L, volume.SizeX, (long)volume.SizeX * volume.SizeY };
        var spacing = new[] { volume.Spacing.I, volume.Spacing.J, volume.Spacing.K };

        // The grid axis closest to the patient's superior axis gives the slices, then the closest to left–right.
        var s = Closest(affine, 2, [0, 1, 2], spacing);
        var a = Closest(affine, 0, [(s + 1) % 3, (s + 2) % 3], spacing);
        var b = 3 - s - a;
        return new PatientGrid(sizes[a], sizes[b], sizes[s], strides[a], strides[b], strides[s],
            affine[0, a] > 0, affine[2, s] > 0, spacing[a], spacing[b]);
    }

    /// <summary>The grid axis (0 = i, 1 = j, 2 = k) whose direction has the largest share along patient axis <paramref name="patientAxis"/>.</summary>
    private static int Closest(Affine affine, int patientAxis, int[] candidates, double[] spacing) =>
        candidates.MaxBy(c => Math.Abs(affine[patientAxis, c]) / spacing[c]);

    /// <summary>1 where the source voxel is below <paramref name="level"/>, in patient order; slices in parallel.</summary>
    public byte[] Below(float[] voxels, float level, CancellationToken cancellationToken)
    {
        var mask = new byte[Length];
        Parallel.For(0, SizeS, new ParallelOptions { CancellationToken = cancellationToken }, s =>
        {
            for (var b = 0; b < SizeB; b++)
            {
                var target = ((s * SizeB) + b) * SizeA;
                var source = (s * _strideS) + (b * _strideB);
                for (var a = 0; a < SizeA; a++)
                {
                    mask[target + a] = voxels[source + (a * _strideA)] < level ? (byte)1 : (byte)0;
                }
            }
        });
        return mask;
    }

    /// <summary>Labels in patient order back in the source grid's order.</summary>
    public byte[] ToSource(byte[] labels, CancellationToken cancellationToken)
    {
        var source = new byte[Length];
        Parallel.For(0, SizeS, new ParallelOptions { CancellationToken = cancellationToken }, s =>
        {
            for (var b = 0; b < SizeB; b++)
            {
                var from = ((s * SizeB) + b) * SizeA;
                var to = (s * _strideS) + (b * _strideB);
                for (var a = 0; a < SizeA; a++)
                {
                    source[to + (a * _strideA)] = labels[from + a];
                }
            }
        });
        return source;
    }
}
