using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// Reads one multipart body to its end: each file part into its own temp file with a running count, form fields
/// into a small dictionary. A part with a file name, or with no Content-Disposition at all (multipart/related, as
/// STOW-RS sends), is a file; a form-data part without a file name is a field.
/// </summary>
internal sealed class MultipartSpool(UploadOptions options, UploadTempFiles tempFiles)
{
    /// <summary>Fields carry short values such as a modality or a patient label; files go in file parts.</summary>
    public const int MaxFieldBytes = 16 << 10;

    public const int MaxFields = 64;

    /// <summary>MultipartReader hands out at most its buffer per read; its 4 KiB default means 16 times the reads.</summary>
    private const int ReadBufferLength = 64 << 10;

    private const string FilesKey = $"{UploadOptions.Section}:{nameof(UploadOptions.MaxFiles)}";
    private const string FileKey = $"{UploadOptions.Section}:{nameof(UploadOptions.MaxFileBytes)}";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<SpooledFile> _files = [];
    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly FileHead _head = new();
    private int _parts;

    public async Task<SpooledUpload> ReadAsync(Stream body, string boundary, CancellationToken cancellationToken)
    {
        var meter = new RequestBodyMeter(body, options.MaxRequestBytes);
        var reader = new MultipartReader(boundary, meter, ReadBufferLength);
        var buffer = ArrayPool<byte>.Shared.Rent(UploadSpooler.CopyBufferLength);
        try
        {
            while (await Guarded(meter, new ValueTask<MultipartSection?>(reader.ReadNextSectionAsync(cancellationToken))).ConfigureAwait(false) is { } section)
            {
                _parts++;
                var disposition = section.GetContentDispositionHeader();
                if (disposition is not null && disposition.IsFormDisposition() && !disposition.IsFileDisposition())
                {
                    await ReadFieldAsync(section, disposition, meter, buffer, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await SpoolFileAsync(section, disposition, meter, buffer, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new SpooledUpload(tempFiles, _files, _fields, options, meter.Consumed);
    }

    private async Task SpoolFileAsync(
        MultipartSection section, ContentDispositionHeaderValue? disposition, RequestBodyMeter meter, byte[] buffer, CancellationToken cancellationToken)
    {
        var given = disposition?.FileNameStar.HasValue == true ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition?.FileName ?? default).Value;
        var name = DisplayNames.Sanitize(given, $"(part {_parts})");
        if (_files.Count == options.MaxFiles)
        {
            throw new UploadTooLargeException($"The upload has more than {Amounts.Count(options.MaxFiles)} files ({FilesKey}).", options.MaxFiles, FilesKey);
        }

        var file = tempFiles.CreateFile();
        _head.Reset();
        long length = 0;
        await using (file.ConfigureAwait(false))
        {
            int read;
            while ((read = await Guarded(meter, section.Body.ReadAsync(buffer, cancellationToken)).ConfigureAwait(false)) > 0)
            {
                length += read;
                _head.Capture(buffer.AsSpan(0, read));
                if (length > options.MaxFileBytes && !_head.IsArchive)
                {
                    throw new UploadTooLargeException($"The file '{name}' is larger than {Amounts.Bytes(options.MaxFileBytes)} ({FileKey}).",
                        options.MaxFileBytes, FileKey);
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }

        // A form's file input left empty still sends a part, with an empty file name: nothing was chosen.
        if (length == 0 && string.IsNullOrEmpty(given))
        {
            tempFiles.Release(file.Name);
            return;
        }

        _files.Add(_head.Describe(name, file.Name, length, section.ContentType));
    }

    private async Task ReadFieldAsync(
        MultipartSection section, ContentDispositionHeaderValue disposition, RequestBodyMeter meter, byte[] buffer, CancellationToken cancellationToken)
    {
        var key = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
        var shown = DisplayNames.Sanitize(key, "(unnamed)");
        if (string.IsNullOrEmpty(key))
        {
            throw new UploadFormatException("A form field has no name.");
        }

        if (_fields.Count == MaxFields)
        {
            throw new UploadFormatException($"The upload has more than {MaxFields} form fields.");
        }

        var length = 0;
        int read;
        while ((read = await Guarded(meter, section.Body.ReadAsync(buffer.AsMemory(length, MaxFieldBytes + 1 - length), cancellationToken)).ConfigureAwait(false)) > 0)
        {
            length += read;
            if (length > MaxFieldBytes)
            {
                throw new UploadFormatException($"The form field '{shown}' is longer than {Amounts.Bytes(MaxFieldBytes)}: fields carry short values such as the modality; files go in file parts.");
            }
        }

        string value;
        try
        {
            value = StrictUtf8.GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException e)
        {
            throw new UploadFormatException($"The form field '{shown}' is not UTF-8 text.", e);
        }

        if (!_fields.TryAdd(key, value))
        {
            throw new UploadFormatException($"The form field '{shown}' is sent twice; send each field once.");
        }
    }

    /// <summary>
    /// Multipart syntax errors become <see cref="UploadFormatException"/>; so does the end of the body before the
    /// closing boundary, which MultipartReader reports as a plain IOException. Network failures stay what they are.
    /// </summary>
    private static async ValueTask<T> Guarded<T>(RequestBodyMeter meter, ValueTask<T> read)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new UploadFormatException($"The multipart body is malformed: {e.Message}", e);
        }
        catch (IOException e) when (meter.ReachedEnd)
        {
            throw new UploadFormatException("The multipart body ends before its closing boundary: the upload was cut short or is not multipart.", e);
        }
    }
}
