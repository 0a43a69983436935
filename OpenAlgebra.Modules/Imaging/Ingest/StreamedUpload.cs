using System.Buffers;
using OpenAlgebra.Modules.Imaging.Ingest.Zip;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// An upload whose files arrive one stream at a time instead of in one multipart body, as the browser page sends
/// each chosen file on its own. The limits of <see cref="UploadOptions"/> hold over the whole upload, as for one
/// request; a single file over <see cref="UploadOptions.MaxFileBytes"/> is rejected with a reason and the others go
/// on. Files may be added from several tasks at once. Disposing it empties and gives back every temp file it made, leased or not:
/// let every <see cref="AddAsync"/> finish first.
/// </summary>
public sealed class StreamedUpload : IDisposable
{
    private const string FilesKey = $"{UploadOptions.Section}:{nameof(UploadOptions.MaxFiles)}";
    private const string FileKey = $"{UploadOptions.Section}:{nameof(UploadOptions.MaxFileBytes)}";
    private const string RequestKey = $"{UploadOptions.Section}:{nameof(UploadOptions.MaxRequestBytes)}";

    private readonly UploadTempFiles _tempFiles;
    private readonly UploadOptions _options;
    private readonly ArchiveExpander _expander;

    // The expander's buffers and its limits left are one upload's: archives are opened one at a time.
    private readonly SemaphoreSlim _expanding = new(1, 1);
    private int _files;
    private long _bytes;

    internal StreamedUpload(UploadTempFiles tempFiles, UploadOptions options)
    {
        _tempFiles = tempFiles;
        _options = options;
        _expander = new ArchiveExpander(tempFiles, options);
    }

    /// <summary>Bytes taken so far, over every file.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// Reads <paramref name="content"/> to its end into a temp file and returns what it holds: the file itself, the
    /// entries of an archive, or the reason it was not taken. Leases are the caller's to dispose once ingested.
    /// </summary>
    /// <param name="name">The name the user gave the file; it is made safe to show, and may identify a patient.</param>
    /// <exception cref="UploadTooLargeException">The upload as a whole went past its file count or byte limit.</exception>
    public async Task<IReadOnlyList<UploadItem>> AddAsync(string? name, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var shown = DisplayNames.Sanitize(name, "(unnamed)");
        if (Interlocked.Increment(ref _files) > _options.MaxFiles)
        {
            throw new UploadTooLargeException($"The upload has more than {Amounts.Count(_options.MaxFiles)} files ({FilesKey}).", _options.MaxFiles, FilesKey);
        }

        var (file, refusal) = await SpoolAsync(shown, content, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return [refusal];
        }

        if (file!.Length == 0)
        {
            _tempFiles.Release(file.Path);
            return [new RejectedFile(shown, "is empty")];
        }

        if (!file.IsArchive)
        {
            return [file.Lease(_tempFiles)];
        }

        var items = new List<UploadItem>();
        await _expanding.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var item in _expander.ExpandAsync(file, cancellationToken).ConfigureAwait(false))
            {
                items.Add(item);
            }

            return items;
        }
        catch
        {
            // The caller never sees these leases, so they are not left for it to dispose.
            foreach (var lease in items.OfType<UploadedFile>())
            {
                lease.Dispose();
            }

            throw;
        }
        finally
        {
            _tempFiles.Release(file.Path);
            _expanding.Release();
        }
    }

    public void Dispose()
    {
        _expander.Dispose();
        _expanding.Dispose();
        _tempFiles.Dispose();
    }

    private async Task<(SpooledFile? File, RejectedFile? Refusal)> SpoolAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        var head = new FileHead();
        var buffer = ArrayPool<byte>.Shared.Rent(UploadSpooler.CopyBufferLength);
        var file = _tempFiles.CreateFile();
        var path = file.Name;
        long length = 0;
        try
        {
            await using (file.ConfigureAwait(false))
            {
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    head.Capture(buffer.AsSpan(0, read));
                    if (Interlocked.Add(ref _bytes, read) > _options.MaxRequestBytes)
                    {
                        throw new UploadTooLargeException($"The upload is larger than {Amounts.Bytes(_options.MaxRequestBytes)} ({RequestKey}).",
                            _options.MaxRequestBytes, RequestKey);
                    }

                    if (length > _options.MaxFileBytes && !head.IsArchive)
                    {
                        file.Close();
                        _tempFiles.Release(path);
                        return (null, new RejectedFile(name, $"is larger than {Amounts.Bytes(_options.MaxFileBytes)} ({FileKey}); the rest of it was not read"));
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            return (head.Describe(name, path, length, contentType: null), null);
        }
        catch
        {
            _tempFiles.Release(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
