using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Inference.Phantoms;

namespace OpenAlgebra.Modules.Inference.Engines.Quantify;

/// <summary>
/// Masks whose metrics are known by hand, on a 20×20×20 grid of 0.5 × 0.5 × 2 mm voxels (0.0005 mL) holding the value
/// i + 10·j + 100·k, so a box's mean, spread and extremes follow from its corners alone.
/// </summary>
internal static class QuantifyPhantoms
{
    private const int Size = 20;

    public static IEnumerable<ValidationCase> Cases()
    {
        yield return ShiftedCube();
        yield return SeparatedPoints();
    }

    /// <summary>
    /// Label 1: the box i, j, k ∈ [2, 5] (64 voxels), values mean 388.5, std √(1.25 · (1 + 100 + 10000)), 222 to 555;
    /// the reference is the same box one voxel further along i, so 48 voxels overlap: Dice 0.75, Jaccard 0.6,
    /// sensitivity 0.75, specificity 7920/7936. The far faces of the two boxes are 0.5 mm apart and every other
    /// surface voxel of one lies on the other's surface, so Hausdorff 95 is 0.5 mm.
    /// </summary>
    private static ValidationCase ShiftedCube()
    {
        var mask = Box(2, 5, 2, 5, 2, 5, 1);
        var reference = Box(3, 6, 2, 5, 2, 5, 1);
        var expected = new JsonObject
        {
            ["voxelVolumeMl"] = 0.0005,
            ["labels"] = new JsonArray(new JsonObject
            {
                ["label"] = 1,
                ["voxelCount"] = 64,
                ["volumeMl"] = 0.032,
                ["mean"] = 388.5,
                ["std"] = Math.Sqrt(1.25 * 10101),
                ["min"] = 222,
                ["max"] = 555,
                ["boundingBox"] = new JsonObject { ["min"] = new JsonArray(2, 2, 2), ["max"] = new JsonArray(5, 5, 5) },
            }),
            ["reference"] = new JsonArray(new JsonObject
            {
                ["label"] = 1,
                ["dice"] = 0.75,
                ["jaccard"] = 0.6,
                ["hausdorff95Mm"] = 0.5,
                ["sensitivity"] = 0.75,
                ["specificity"] = 7920.0 / 7936,
            }),
        };
        return new ValidationCase("shifted cube", Request(mask, reference), mask, expected);
    }

    /// <summary>Label 2: one voxel at (4, 4, 4) against one at (4, 4, 7): 3 slices of 2 mm apart, so Hausdorff 95 is 6 mm and Dice 0.</summary>
    private static ValidationCase SeparatedPoints()
    {
        var mask = Box(4, 4, 4, 4, 4, 4, 2);
        var reference = Box(4, 4, 4, 4, 7, 7, 2);
        var expected = new JsonObject
        {
            ["labels"] = new JsonArray(new JsonObject { ["label"] = 2, ["voxelCount"] = 1, ["mean"] = 444, ["std"] = 0 }),
            ["reference"] = new JsonArray(new JsonObject { ["label"] = 2, ["dice"] = 0, ["hausdorff95Mm"] = 6, ["sensitivity"] = 0 }),
        };
        return new ValidationCase("separated points", Request(mask, reference), mask, expected);
    }

    private static AnalysisRequest Request(LabelMask mask, LabelMask reference)
    {
        var voxels = new float[Size * Size * Size];
        for (var k = 0; k < Size; k++)
        {
            for (var j = 0; j < Size; j++)
            {
                for (var i = 0; i < Size; i++)
                {
                    voxels[(((k * Size) + j) * Size) + i] = i + (10 * j) + (100 * k);
                }
            }
        }

        var volume = PhantomGrid.Volume(Size, Size, Size, voxels, PhantomGrid.Axial(Size, Size, Size, 0.5, 0.5, 2));
        return new AnalysisRequest(volume, new JsonObject(), new Dictionary<int, IReadOnlyList<VoxelIndex>>(), mask, reference);
    }

    private static LabelMask Box(int i0, int i1, int j0, int j1, int k0, int k1, byte label)
    {
        var labels = new byte[Size * Size * Size];
        for (var k = k0; k <= k1; k++)
        {
            for (var j = j0; j <= j1; j++)
            {
                labels.AsSpan((((k * Size) + j) * Size) + i0, i1 - i0 + 1).Fill(label);
            }
        }

        return new LabelMask(Size, Size, Size, labels);
    }
}
