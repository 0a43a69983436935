using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Registry;

/// <summary>The gate's score of one mask against its truth.</summary>
internal static class LabelDice
{
    /// <summary>
    /// The mean over the truth's labels of 2|P∩T| / (|P| + |T|), so that a small structure counts as much as a large one.
    /// Labels only the prediction has lower no label's score directly, but take voxels from the labels they cover.
    /// A truth without labels scores 1 when the prediction is empty too, else 0.
    /// </summary>
    public static double Mean(LabelMask predicted, LabelMask truth)
    {
        if (predicted.SizeX != truth.SizeX || predicted.SizeY != truth.SizeY || predicted.SizeZ != truth.SizeZ)
        {
            throw new ArgumentException(
                $"The mask is {predicted.SizeX}×{predicted.SizeY}×{predicted.SizeZ}, its truth {truth.SizeX}×{truth.SizeY}×{truth.SizeZ}.", nameof(predicted));
        }

        Span<long> both = stackalloc long[256];
        Span<long> inPredicted = stackalloc long[256];
        Span<long> inTruth = stackalloc long[256];
        both.Clear();
        inPredicted.Clear();
        inTruth.Clear();
        var p = predicted.Labels.AsSpan();
        var t = truth.Labels.AsSpan();
        for (var n = 0; n < t.Length; n++)
        {
            inPredicted[p[n]]++;
            inTruth[t[n]]++;
            if (p[n] == t[n])
            {
                both[t[n]]++;
            }
        }

        double sum = 0;
        var labels = 0;
        for (var label = 1; label < 256; label++)
        {
            if (inTruth[label] > 0)
            {
                sum += 2.0 * both[label] / (inPredicted[label] + inTruth[label]);
                labels++;
            }
        }

        if (labels == 0)
        {
            return inPredicted[0] == p.Length ? 1 : 0;
        }

        return sum / labels;
    }
}
