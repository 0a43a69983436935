namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// The input side of ingest: turns a multipart request body into candidate files in private temp files, within
/// the limits of <see cref="UploadOptions"/>, without ever holding a part in memory.
/// </summary>
public interface IUploadSpooler
{
    /// <summary>
    /// Reads the body to its end, each file part into its own temp file, so that an oversized upload fails before
    /// anything of it is ingested and every form field is known before the first file. On any exception every temp
    /// file made so far is deleted.
    /// </summary>
    /// <param name="body">The request body, read forward once.</param>
    /// <param name="contentType">The request's Content-Type: <c>multipart/form-data</c> (browser, API) or
    /// <c>multipart/related</c> (STOW-RS), with its boundary.</param>
    /// <exception cref="UploadTooLargeException">The body, one file or the file count went past its limit (HTTP 413).</exception>
    /// <exception cref="UploadFormatException">Not a multipart content type, or a malformed or truncated body (HTTP 400).</exception>
    Task<SpooledUpload> SpoolAsync(Stream body, string? contentType, CancellationToken cancellationToken = default);

    /// <summary>Starts an upload whose files come one stream each (the browser page), under the same limits and temp folder.</summary>
    StreamedUpload BeginStreamed();

    /// <summary>
    /// Deletes what a process that died mid-upload left in the temp folder, once nothing has written to it for an
    /// hour, or at once when the <see cref="Platform.ServerLease"/> says no other server shares the data directory the
    /// folder is in; the host calls it at start, after taking the lease. Returns how many uploads (and stray files) were removed.
    /// </summary>
    int DeleteStaleFiles();
}
