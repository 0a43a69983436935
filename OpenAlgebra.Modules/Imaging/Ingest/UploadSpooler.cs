using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.Imaging.Ingest;

internal sealed partial class UploadSpooler(IOptions<UploadOptions> options, PlatformPaths paths, ServerLease lease, TimeProvider clock,
    ILogger<UploadSpooler> logger) : IUploadSpooler
{
    /// <summary>The one buffer each copy loop rents from the shared pool: a pool bucket size, so all of it is used.</summary>
    public const int CopyBufferLength = 128 << 10;

    /// <summary>RFC 2046 5.1.1: a boundary is 1 to 70 characters.</summary>
    private const int MaxBoundaryLength = 70;

    private SpareSpoolFiles? _spares;

    public string TempRoot => Path.GetFullPath(options.Value.TempDirectory ?? Path.Combine("tmp", "uploads"), paths.DataDirectory);

    public async Task<SpooledUpload> SpoolAsync(Stream body, string? contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var boundary = Boundary(contentType);
        var tempFiles = CreateTempFiles();
        try
        {
            return await new MultipartSpool(options.Value, tempFiles).ReadAsync(body, boundary, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            tempFiles.Dispose();
            throw;
        }
    }

    public StreamedUpload BeginStreamed() => new(CreateTempFiles(), options.Value);

    public int DeleteStaleFiles()
    {
        // A temp folder outside the data directory may be shared with servers the lease does not see.
        var root = TempRoot;
        var inDataDirectory = root.StartsWith(Path.TrimEndingDirectorySeparator(paths.DataDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        var deleted = StaleUploadSweep.Run(root, clock.GetUtcNow(), inDataDirectory ? lease.FilesAbandonedBefore : null);
        if (deleted > 0)
        {
            StaleUploadsDeleted(logger, deleted, root);
        }

        return deleted;
    }

    private UploadTempFiles CreateTempFiles() =>
        UploadTempFiles.Create(TempRoot, LazyInitializer.EnsureInitialized(ref _spares, () => new SpareSpoolFiles(TempRoot)));

    private static string Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            throw new UploadFormatException($"An upload must be multipart/form-data or multipart/related, not '{DisplayNames.Sanitize(contentType, "(none)")}'.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > MaxBoundaryLength)
        {
            throw new UploadFormatException($"The Content-Type needs a boundary of 1 to {MaxBoundaryLength} characters.");
        }

        return boundary;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} stale upload temp folders or files under {Folder}")]
    private static partial void StaleUploadsDeleted(ILogger logger, int count, string folder);
}
