using System.Globalization;

namespace OpenAlgebra.Modules.Imaging.Volumes;

/// <summary>
/// Orders slices along their plane's normal and derives the voxel grid: checks that they share size and orientation,
/// refuses duplicate positions, reports gaps and uneven spacing (without resampling), and builds the IJK → LPS affine.
/// </summary>
internal sealed class SliceStack
{
    private const double OrientationTolerance = 1e-4;

    /// <summary>Spacing that differs from the typical one by more than this fraction of it is reported.</summary>
    private const double SpacingTolerance = 0.01;

    private SliceStack(IReadOnlyList<Slice> ordered, Affine ijkToLps, IReadOnlyList<string> warnings)
    {
        Ordered = ordered;
        IjkToLps = ijkToLps;
        Warnings = warnings;
    }

    /// <summary>Slices by increasing position along the normal: index k of the volume.</summary>
    public IReadOnlyList<Slice> Ordered { get; }

    public Affine IjkToLps { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <exception cref="VolumeBuildException">The slices do not make one volume.</exception>
    public static SliceStack Order(IReadOnlyList<Slice> slices)
    {
        var first = slices[0];
        var warnings = new List<string>();
        foreach (var slice in slices)
        {
            CheckAlike(first, slice);
        }

        if (!first.SpacingGiven)
        {
            warnings.Add("Pixel Spacing is missing: 1 mm between rows and columns assumed.");
        }

        var normal = first.RowDirection.Cross(first.ColumnDirection);
        var ordered = slices.OrderBy(s => s.Position.Dot(normal)).ToList();
        var step = ordered.Count == 1 ? SingleStep(first, normal, warnings) : Step(ordered, normal, warnings);
        var i = first.RowDirection * first.ColumnSpacing;
        var j = first.ColumnDirection * first.RowSpacing;
        var origin = ordered[0].Position;
        var affine = new Affine([i.X, j.X, step.X, origin.X, i.Y, j.Y, step.Y, origin.Y, i.Z, j.Z, step.Z, origin.Z]);
        return new SliceStack(ordered, affine, warnings);
    }

    private static void CheckAlike(Slice first, Slice slice)
    {
        var a = first.Pixels.Layout;
        var b = slice.Pixels.Layout;
        if (a.Rows != b.Rows || a.Columns != b.Columns || a.SamplesPerPixel != b.SamplesPerPixel)
        {
            throw new VolumeBuildException(
                $"The {slice.Label} is {b.Columns}×{b.Rows} with {b.SamplesPerPixel} sample(s), the {first.Label} {a.Columns}×{a.Rows} with {a.SamplesPerPixel}: not one volume.");
        }

        if (!Near(first.RowDirection, slice.RowDirection) || !Near(first.ColumnDirection, slice.ColumnDirection))
        {
            throw new VolumeBuildException($"The {slice.Label} is oriented differently from the {first.Label}: mixed orientations are not one volume.");
        }

        if (Math.Abs(first.RowSpacing - slice.RowSpacing) > 1e-3 * first.RowSpacing
            || Math.Abs(first.ColumnSpacing - slice.ColumnSpacing) > 1e-3 * first.ColumnSpacing)
        {
            throw new VolumeBuildException($"The {slice.Label} has another Pixel Spacing than the {first.Label}.");
        }
    }

    /// <summary>
    /// The step from one slice to the next: the typical (median) distance along the normal, in the direction the whole
    /// stack runs, so that a gantry tilt's shear is kept and a missing slice does not stretch the grid.
    /// </summary>
    private static Vector3D Step(List<Slice> ordered, Vector3D normal, List<string> warnings)
    {
        var distances = ordered.Select(s => s.Position.Dot(normal)).ToArray();
        var gaps = new double[distances.Length - 1];
        for (var k = 0; k < gaps.Length; k++)
        {
            gaps[k] = distances[k + 1] - distances[k];
        }

        var positive = gaps.Where(g => g > 1e-4).Order().ToArray();
        var typical = positive.Length == 0 ? 0 : positive[positive.Length / 2];
        for (var k = 0; k < gaps.Length; k++)
        {
            if (gaps[k] <= Math.Max(1e-4, SpacingTolerance * typical))
            {
                throw new VolumeBuildException(
                    $"The {ordered[k].Label} and the {ordered[k + 1].Label} are at the same position ({Mm(distances[k])} along the normal): duplicate slices are not one volume.");
            }
        }

        for (var k = 0; k < gaps.Length; k++)
        {
            var ratio = gaps[k] / typical;
            if (Math.Abs(gaps[k] - typical) <= SpacingTolerance * typical)
            {
                continue;
            }

            var missing = Math.Round(ratio) - 1;
            warnings.Add(missing >= 1 && Math.Abs(ratio - Math.Round(ratio)) <= SpacingTolerance * Math.Round(ratio)
                ? $"{missing} slice(s) missing between the {ordered[k].Label} ({Mm(distances[k])}) and the {ordered[k + 1].Label} ({Mm(distances[k + 1])}); slices are {Mm(typical)} apart elsewhere. Not resampled."
                : $"Uneven spacing: {Mm(gaps[k])} between the {ordered[k].Label} and the {ordered[k + 1].Label}, {Mm(typical)} elsewhere. Not resampled.");
        }

        var span = distances[^1] - distances[0];
        return (ordered[^1].Position - ordered[0].Position) * (typical / span);
    }

    private static Vector3D SingleStep(Slice only, Vector3D normal, List<string> warnings)
    {
        if (only.SliceSpacing is { } spacing)
        {
            return normal * spacing;
        }

        warnings.Add("A single slice without Spacing Between Slices or Slice Thickness: 1 mm assumed.");
        return normal;
    }

    private static bool Near(Vector3D a, Vector3D b) =>
        Math.Abs(a.X - b.X) <= OrientationTolerance && Math.Abs(a.Y - b.Y) <= OrientationTolerance && Math.Abs(a.Z - b.Z) <= OrientationTolerance;

    private static string Mm(double value) => value.ToString("0.###", CultureInfo.InvariantCulture) + " mm";
}
