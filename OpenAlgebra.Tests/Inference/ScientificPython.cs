using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Inference;

/// <summary>
/// Debian's Python with numpy, SciPy and scikit-image as the independent reference for the engines. Arrays travel as
/// little-endian raw files in a temporary folder (the script gets the folder as argv[1]; a grid's C-order shape is
/// (k, j, i), which is the order of our voxels); the script prints JSON and may write arrays back.
/// </summary>
internal sealed class ScientificPython : IDisposable
{
    private readonly Imaging.Pixels.TempFolder _folder = new();

    public string Folder => _folder.Path;

    public void Write<T>(string name, T[] values) where T : unmanaged =>
        File.WriteAllBytes(Path.Combine(Folder, name), MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public T[] Read<T>(string name) where T : unmanaged =>
        MemoryMarshal.Cast<byte, T>(File.ReadAllBytes(Path.Combine(Folder, name))).ToArray();

    /// <summary>Runs <paramref name="script"/>; skips (or fails under CI) when scikit-image or SciPy is missing.</summary>
    public async Task<JsonElement> RunAsync(string script, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var python = Services.Program(Services.DebianPython, "python3");
        _ = Services.Scipy;
        _ = Services.Skimage;
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", script, Folder })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
            var stderr = process.StandardError.ReadToEndAsync(limit.Token);
            await process.WaitForExitAsync(limit.Token);
            Assert.True(process.ExitCode == 0, $"the Python reference failed: {await stderr}");
            using var json = JsonDocument.Parse(await stdout);
            return json.RootElement.Clone();
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    public void Dispose() => _folder.Dispose();
}
