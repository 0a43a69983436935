using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Analyses;

/// <summary>
/// Seeds as the API takes them, <c>{"&lt;label&gt;": [[i, j, k], …], …}</c>: labels 1–255 (the mask's values), voxels
/// inside the series grid. Stored in the same shape, normalised.
/// </summary>
internal static class SeedList
{
    /// <exception cref="InferenceRequestException">The seeds are not that shape, or name a label or voxel that cannot be; the field says where.</exception>
    public static JsonObject Validate(JsonNode? seeds, Volume volume)
    {
        if (seeds is null)
        {
            return [];
        }

        if (seeds is not JsonObject labels)
        {
            throw new InferenceRequestException("seeds", """seeds must be an object of labels with voxel lists, e.g. {"1": [[10, 20, 5]], "2": [[40, 40, 5]]}.""");
        }

        var normalised = new JsonObject();
        foreach (var (key, value) in labels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var field = $"seeds.{key}";
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var label) || label is < 1 or > 255)
            {
                throw new InferenceRequestException(field, $"Seed label '{key}' is not a positive integer label from 1 to 255.");
            }

            if (value is not JsonArray { Count: > 0 } voxels)
            {
                throw new InferenceRequestException(field, $"Seeds of label {label} must be a non-empty list of [i, j, k] voxel indices.");
            }

            var list = new JsonArray();
            for (var n = 0; n < voxels.Count; n++)
            {
                var (i, j, k) = Voxel(voxels[n], $"{field}[{n}]", volume);
                list.Add(new JsonArray(i, j, k));
            }

            normalised[label.ToString(CultureInfo.InvariantCulture)] = list;
        }

        return normalised;
    }

    /// <summary>Stored seeds (already validated) as the engine takes them.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<VoxelIndex>> Parse(string stored)
    {
        var seeds = new Dictionary<int, IReadOnlyList<VoxelIndex>>();
        foreach (var (key, value) in JsonNode.Parse(stored)!.AsObject())
        {
            seeds[int.Parse(key, CultureInfo.InvariantCulture)] = value!.AsArray()
                .Select(v => new VoxelIndex(v![0]!.GetValue<int>(), v[1]!.GetValue<int>(), v[2]!.GetValue<int>())).ToList();
        }

        return seeds;
    }

    private static (int I, int J, int K) Voxel(JsonNode? node, string field, Volume volume)
    {
        if (node is not JsonArray { Count: 3 } triple || triple.Any(c => c is not JsonValue v || v.GetValueKind() != JsonValueKind.Number))
        {
            throw new InferenceRequestException(field, $"{field} must be a voxel index [i, j, k] of three integers, got {node?.ToJsonString() ?? "null"}.");
        }

        var values = new int[3];
        for (var n = 0; n < 3; n++)
        {
            if (!triple[n]!.AsValue().TryGetValue(out int value))
            {
                throw new InferenceRequestException(field, $"{field} must be a voxel index [i, j, k] of three integers, got {triple.ToJsonString()}.");
            }

            values[n] = value;
        }

        if (values[0] < 0 || values[0] >= volume.SizeX || values[1] < 0 || values[1] >= volume.SizeY || values[2] < 0 || values[2] >= volume.SizeZ)
        {
            throw new InferenceRequestException(field, string.Create(CultureInfo.InvariantCulture,
                $"Voxel [{values[0]}, {values[1]}, {values[2]}] is outside the series grid: i 0–{volume.SizeX - 1}, j 0–{volume.SizeY - 1}, k 0–{volume.SizeZ - 1}."));
        }

        return (values[0], values[1], values[2]);
    }
}
