using System.Globalization;
using System.Text.Json.Nodes;

namespace OpenAlgebra.Web.Components.Viewer;

/// <summary>One brush stroke: the voxels it painted, all with one label.</summary>
public sealed record SeedStroke(int Label, IReadOnlyList<Voxel> Voxels);

/// <summary>
/// The seeds painted for a seeded engine, kept as strokes so that the last can be undone. Where strokes of different
/// labels cross, the later one wins: a voxel is seeded with one label only, as the analysis service requires.
/// </summary>
public sealed class SeedStrokes
{
    private readonly List<SeedStroke> _strokes = [];
    private Dictionary<Voxel, int>? _labels;

    public IReadOnlyList<SeedStroke> Strokes => _strokes;

    /// <summary>Each seeded voxel with its label.</summary>
    public IReadOnlyDictionary<Voxel, int> Labels => _labels ??= Resolve();

    public bool IsEmpty => _strokes.Count == 0;

    /// <summary>Changes with every edit, so a view can tell whether it has drawn the current seeds.</summary>
    public int Version { get; private set; }

    /// <summary>Adds a stroke; one that painted nothing is not kept.</summary>
    public void Add(SeedStroke stroke)
    {
        ArgumentNullException.ThrowIfNull(stroke);
        if (stroke.Voxels.Count > 0)
        {
            _strokes.Add(stroke);
            Changed();
        }
    }

    /// <returns>false when there was nothing to undo.</returns>
    public bool Undo()
    {
        if (_strokes.Count == 0)
        {
            return false;
        }

        _strokes.RemoveAt(_strokes.Count - 1);
        Changed();
        return true;
    }

    public void Clear()
    {
        if (_strokes.Count > 0)
        {
            _strokes.Clear();
            Changed();
        }
    }

    /// <summary>How many voxels carry <paramref name="label"/>.</summary>
    public int Count(int label) => Labels.Values.Count(l => l == label);

    /// <summary>The request's <c>seeds</c>: <c>{"&lt;label&gt;": [[i, j, k], …], …}</c>, voxels in a stable order.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var group in Labels.GroupBy(p => p.Value).OrderBy(g => g.Key))
        {
            var voxels = new JsonArray();
            foreach (var v in group.Select(p => p.Key).OrderBy(v => v.K).ThenBy(v => v.J).ThenBy(v => v.I))
            {
                voxels.Add(new JsonArray(v.I, v.J, v.K));
            }

            json[group.Key.ToString(CultureInfo.InvariantCulture)] = voxels;
        }

        return json;
    }

    private void Changed()
    {
        _labels = null;
        Version++;
    }

    private Dictionary<Voxel, int> Resolve()
    {
        var labels = new Dictionary<Voxel, int>();
        foreach (var stroke in _strokes)
        {
            foreach (var voxel in stroke.Voxels)
            {
                labels[voxel] = stroke.Label;
            }
        }

        return labels;
    }
}
