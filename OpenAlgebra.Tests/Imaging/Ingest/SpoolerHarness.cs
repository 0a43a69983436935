using Microsoft.Extensions.Logging.Abstractions;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Imaging.Pixels;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Ingest;

/// <summary>An upload spooler over a data directory of its own, with the default temp folder under it.</summary>
internal sealed class SpoolerHarness : IDisposable
{
    private readonly TempFolder _data = new();

    public SpoolerHarness(Action<UploadOptions>? configure = null)
    {
        configure?.Invoke(Options);
        var platform = Microsoft.Extensions.Options.Options.Create(new PlatformOptions { DataDirectory = _data.Path });
        var paths = new PlatformPaths(platform, new TestHostEnvironment(_data.Path));
        Lease = new ServerLease(paths, platform, TimeProvider.System);
        Spooler = new UploadSpooler(Microsoft.Extensions.Options.Options.Create(Options), paths, Lease, TimeProvider.System, NullLogger<UploadSpooler>.Instance);
    }

    public UploadOptions Options { get; } = new();

    public UploadSpooler Spooler { get; }

    /// <summary>The data directory's lease, not taken until a test acquires it as a starting server would.</summary>
    public ServerLease Lease { get; }

    public string DataDirectory => _data.Path;

    /// <summary>Every file under the upload temp root, whichever upload made it, but for emptied spares waiting for reuse.</summary>
    public IReadOnlyList<string> TempFiles => Directory.Exists(Spooler.TempRoot)
        ? [.. Directory.EnumerateFiles(Spooler.TempRoot, "*", SearchOption.AllDirectories).Where(f => Path.GetDirectoryName(f) != SpareFolder)]
        : [];

    /// <summary>What uploads left on disk: any entry of the temp root but the spare folder, and any spare that is not empty.</summary>
    public IReadOnlyList<string> LeftOver => Directory.Exists(Spooler.TempRoot)
        ? [.. Directory.EnumerateFileSystemEntries(Spooler.TempRoot).Where(e => e != SpareFolder), .. SpareFiles.Where(f => new FileInfo(f).Length > 0)]
        : [];

    /// <summary>Emptied spool files kept for the next uploads.</summary>
    public IReadOnlyList<string> SpareFiles => Directory.Exists(SpareFolder) ? [.. Directory.EnumerateFiles(SpareFolder)] : [];

    private string SpareFolder => Path.Combine(Spooler.TempRoot, SpareSpoolFiles.Folder);

    public Task<SpooledUpload> SpoolAsync(MultipartBody body) =>
        Spooler.SpoolAsync(body.Stream(), body.ContentType, TestContext.Current.CancellationToken);

    /// <summary>Spools and reads the whole upload, leaving the leases open.</summary>
    public async Task<(SpooledUpload Upload, List<UploadItem> Items)> ReadAsync(MultipartBody body)
    {
        var upload = await SpoolAsync(body);
        var items = new List<UploadItem>();
        await foreach (var item in upload.ReadFilesAsync(TestContext.Current.CancellationToken))
        {
            items.Add(item);
        }

        return (upload, items);
    }

    public void Dispose()
    {
        Lease.Dispose();
        _data.Dispose();
    }
}
