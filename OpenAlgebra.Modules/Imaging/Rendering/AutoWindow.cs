using System.Numerics;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;

namespace OpenAlgebra.Modules.Imaging.Rendering;

/// <summary>The window of <see cref="SliceWindow.Auto"/> when the source has none of its own.</summary>
internal static class AutoWindow
{
    /// <summary>RGB is shown as stored: LINEAR_EXACT over [0, 255] is the identity on 8-bit samples.</summary>
    public static VoiWindow AsStored { get; } = new(127.5, 255, VoiFunction.LinearExact);

    /// <summary>
    /// LINEAR_EXACT from the lowest finite value (black) to the highest (white); NaN and infinities, which float volumes
    /// can hold, neither count nor stretch the range. A flat slice, which has no contrast to show, is black.
    /// </summary>
    public static VoiWindow Stretch(ReadOnlySpan<float> values)
    {
        var (min, max) = FiniteRange(values);
        if (!(min < max))
        {
            // Center half a unit above the value puts it at the window's bottom edge; no finite values at all are black anyway.
            return new VoiWindow(min <= max ? min + 0.5 : 0.5, 1, VoiFunction.LinearExact);
        }

        return new VoiWindow((min + (double)max) / 2, max - (double)min, VoiFunction.LinearExact);
    }

    /// <summary>Lowest and highest finite value; (+∞, −∞) when there is none.</summary>
    private static (float Min, float Max) FiniteRange(ReadOnlySpan<float> values)
    {
        var infinity = new Vector<float>(float.PositiveInfinity);
        var min = infinity;
        var max = -infinity;
        var step = Vector<float>.Count;
        var done = 0;
        for (; done + step <= values.Length; done += step)
        {
            var v = new Vector<float>(values[done..]);
            // |v| < ∞ is false for NaN and ±∞: those lanes take the value that cannot win.
            var finite = Vector.LessThan(Vector.Abs(v), infinity);
            min = Vector.Min(min, Vector.ConditionalSelect(finite, v, infinity));
            max = Vector.Max(max, Vector.ConditionalSelect(finite, v, -infinity));
        }

        var low = float.PositiveInfinity;
        var high = float.NegativeInfinity;
        for (var lane = 0; lane < step; lane++)
        {
            low = Math.Min(low, min[lane]);
            high = Math.Max(high, max[lane]);
        }

        foreach (var value in values[done..])
        {
            if (float.IsFinite(value))
            {
                low = Math.Min(low, value);
                high = Math.Max(high, value);
            }
        }

        return (low, high);
    }
}
