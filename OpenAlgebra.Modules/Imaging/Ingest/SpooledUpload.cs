using System.Runtime.CompilerServices;
using OpenAlgebra.Modules.Imaging.Ingest.Zip;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// A multipart upload read to its end and waiting on disk. Its form fields are all known before any file is
/// read, whatever their order in the body. Disposing it empties and gives back every temp file it made, leased or not.
/// </summary>
public sealed class SpooledUpload : IDisposable
{
    public const string ModalityField = "modality";
    public const string PatientLabelField = "patientLabel";

    private readonly UploadTempFiles _tempFiles;
    private readonly IReadOnlyList<SpooledFile> _files;
    private readonly UploadOptions _options;
    private int _read;

    internal SpooledUpload(UploadTempFiles tempFiles, IReadOnlyList<SpooledFile> files, IReadOnlyDictionary<string, string> fields,
        UploadOptions options, long requestBytes)
    {
        _tempFiles = tempFiles;
        _files = files;
        _options = options;
        Fields = fields;
        RequestBytes = requestBytes;
    }

    /// <summary>Form fields by name, compared without case. Values may identify a patient: never log them.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>The <c>modality</c> field, for NIfTI files, which carry none.</summary>
    public string? Modality => Fields.GetValueOrDefault(ModalityField);

    /// <summary>The <c>patientLabel</c> field: identifying, for the pseudonym vault only.</summary>
    public string? PatientLabel => Fields.GetValueOrDefault(PatientLabelField);

    /// <summary>File parts as sent; an archive counts once.</summary>
    public int FileCount => _files.Count;

    /// <summary>The size of the multipart body as received.</summary>
    public long RequestBytes { get; }

    /// <summary>
    /// The candidate files in the order sent, archives opened in place, with a <see cref="RejectedFile"/> for each
    /// thing that could not be taken. Each <see cref="UploadedFile"/> is a lease: dispose it once ingested to free
    /// its disk at once. Read once: archives are opened, and their own temp files deleted, as the sequence goes.
    /// </summary>
    public async IAsyncEnumerable<UploadItem> ReadFilesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _read, 1) == 1)
        {
            throw new InvalidOperationException("An upload's files can be read once: archives are opened and deleted as they are read.");
        }

        using var expander = new ArchiveExpander(_tempFiles, _options);
        foreach (var file in _files)
        {
            if (file.Length == 0)
            {
                _tempFiles.Release(file.Path);
                yield return new RejectedFile(file.Name, "is empty");
            }
            else if (!file.IsArchive)
            {
                yield return file.Lease(_tempFiles);
            }
            else
            {
                try
                {
                    await foreach (var item in expander.ExpandAsync(file, cancellationToken).ConfigureAwait(false))
                    {
                        yield return item;
                    }
                }
                finally
                {
                    _tempFiles.Release(file.Path);
                }
            }
        }
    }

    public void Dispose() => _tempFiles.Dispose();
}
