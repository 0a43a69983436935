using System.Text.Json;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Tests.Imaging.Nifti;

/// <summary>What nibabel made of one file; <see cref="Voxels"/> is get_fdata() as float32 in <see cref="Volume.Voxels"/> order.</summary>
internal sealed record NibabelView(string Path, string? Class, int[] Shape, Affine? Affine, Affine? Sform, Affine? Qform, int? Intent, float[]? Voxels, string? Error)
{
    public static NibabelView From(JsonElement e) => new(
        e.GetProperty("path").GetString()!,
        Text(e, "class"),
        e.TryGetProperty("shape", out var shape) ? [.. shape.EnumerateArray().Select(s => s.GetInt32())] : [],
        Matrix(e, "affine"),
        Matrix(e, "sform"),
        Matrix(e, "qform"),
        e.TryGetProperty("intent", out var intent) ? intent.GetInt32() : null,
        e.TryGetProperty("voxels", out var voxels) ? ReadFloats(voxels.GetString()!) : null,
        Text(e, "error"));

    private static float[] ReadFloats(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / 4];
        for (var n = 0; n < values.Length; n++)
        {
            values[n] = BitConverter.ToSingle(bytes, 4 * n);
        }

        return values;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Affine? Matrix(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var rows = value.EnumerateArray().Take(3).SelectMany(row => row.EnumerateArray().Select(v => v.GetDouble()));
        return new Affine([.. rows]);
    }
}
