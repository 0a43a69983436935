using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace OpenAlgebra.Modules.Imaging.Ingest.Zip;

/// <summary>
/// Opens the zip parts of one upload, one entry at a time, each into its own temp file. Limits are enforced on the
/// bytes that actually come out of the inflater, never on the sizes the archive claims, and are shared by every
/// archive of the upload. An entry that cannot be taken is reported and the archive goes on; crossing a bomb limit
/// stops the whole archive (its nested archives included) and the entries already handed out stay valid.
/// </summary>
internal sealed class ArchiveExpander : IDisposable
{
    /// <summary>Ratios are judged only past this many inflated bytes: a tiny or empty file compresses arbitrarily
    /// well, and at this size it cannot hurt.</summary>
    public const long RatioGrace = 1L << 20;

    private const string ZipKey = $"{UploadOptions.Section}:{nameof(UploadOptions.Zip)}";
    private const string FileKey = $"{UploadOptions.Section}:{nameof(UploadOptions.MaxFileBytes)}";
    private const ushort Stored = 0;
    private const ushort Deflated = 8;
    private const uint LocalHeaderSignature = 0x04034b50;
    private const int LocalHeaderLength = 30;

    private readonly UploadTempFiles _tempFiles;
    private readonly UploadOptions _options;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(UploadSpooler.CopyBufferLength);
    private readonly byte[] _scratch = ArrayPool<byte>.Shared.Rent(ZipEntryRecord.ScratchLength);
    private readonly FileHead _head = new();
    private readonly Crc32 _crc = new();
    private long _entriesLeft;
    private long _bytesLeft;

    public ArchiveExpander(UploadTempFiles tempFiles, UploadOptions options)
    {
        _tempFiles = tempFiles;
        _options = options;
        _entriesLeft = options.Zip.MaxEntries;
        _bytesLeft = options.Zip.MaxUncompressedBytes;
    }

    private enum Verdict
    {
        File,
        Skip,
        Reject,
        StopArchive,
        Damaged,
    }

    public async IAsyncEnumerable<UploadItem> ExpandAsync(SpooledFile archive, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tree = new ArchiveTree(archive.Length);
        await foreach (var item in ExpandAsync(archive.Name, archive.Path, depth: 0, tree, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<byte>.Shared.Return(_scratch);
    }

    private async IAsyncEnumerable<UploadItem> ExpandAsync(
        string name, string path, int depth, ArchiveTree tree, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var archive = File.OpenHandle(path);
        var (location, problem) = Locate(archive);
        if (problem is not null)
        {
            yield return new RejectedFile(name, problem);
            yield break;
        }

        if (location.EntryCount > _entriesLeft)
        {
            var left = _entriesLeft == _options.Zip.MaxEntries ? "" : $"{Amounts.Count(_entriesLeft)} left of the ";
            yield return new RejectedFile(name, $"holds {Amounts.Count(location.EntryCount)} entries, more than the {left}{Amounts.Count(_options.Zip.MaxEntries)} "
                + $"an upload's archives may hold together ({ZipKey}:{nameof(ZipLimitOptions.MaxEntries)}); nothing in it was read");
            yield break;
        }

        _entriesLeft -= location.EntryCount;
        var position = location.Offset;
        var handedOut = false;
        for (var index = 0L; index < location.EntryCount; index++)
        {
            var outcome = await NextAsync(archive, location, position, name, tree, cancellationToken).ConfigureAwait(false);
            position += outcome.RecordLength;
            switch (outcome.Verdict)
            {
                case Verdict.Skip:
                    continue;
                case Verdict.Damaged:
                    yield return new RejectedFile(name, $"{outcome.Reason}; the entries before it were read");
                    yield break;
                case Verdict.StopArchive:
                    tree.Stopped = true;
                    yield return new RejectedFile(name, outcome.Reason!);
                    yield break;
                case Verdict.Reject:
                    handedOut = true;
                    yield return new RejectedFile(outcome.Name!, outcome.Reason!);
                    continue;
            }

            handedOut = true;
            var file = outcome.File!;
            if (!file.IsArchive)
            {
                yield return file.Lease(_tempFiles);
                continue;
            }

            try
            {
                if (depth >= _options.Zip.MaxNesting)
                {
                    yield return new RejectedFile(file.Name, NestingReason());
                    continue;
                }

                await foreach (var item in ExpandAsync(file.Name, file.Path, depth + 1, tree, cancellationToken).ConfigureAwait(false))
                {
                    yield return item;
                }
            }
            finally
            {
                _tempFiles.Release(file.Path);
            }

            if (tree.Stopped)
            {
                yield break;
            }
        }

        if (!handedOut)
        {
            yield return new RejectedFile(name, "holds no files to import (folders, DICOMDIR and macOS metadata are skipped)");
        }
    }

    private static (ZipDirectoryLocation Location, string? Problem) Locate(SafeFileHandle archive)
    {
        try
        {
            return (ZipDirectoryLocation.Read(archive, RandomAccess.GetLength(archive)), null);
        }
        catch (ZipFormatException e)
        {
            return (default, e.Message);
        }
    }

    /// <summary>Reads the record at <paramref name="position"/> and, unless it is refused or skipped, extracts it.</summary>
    private async Task<Outcome> NextAsync(
        SafeFileHandle archive, ZipDirectoryLocation location, long position, string archiveName, ArchiveTree tree, CancellationToken cancellationToken)
    {
        ZipEntryRecord entry;
        try
        {
            entry = ZipEntryRecord.Read(archive, position, location.End, _scratch);
        }
        catch (ZipFormatException e)
        {
            return new Outcome(Verdict.Damaged, 0, Reason: e.Message);
        }

        var (path, problem) = EntryPath.Normalize(entry.Name);
        var name = $"{archiveName}/{DisplayNames.Sanitize(path ?? entry.Name, "(unnamed)")}";
        if (problem is null && (entry.IsDirectory || Skipped(path!)))
        {
            return new Outcome(Verdict.Skip, entry.RecordLength);
        }

        if ((problem ?? Refusal(entry, path!)) is { } refusal)
        {
            return new Outcome(Verdict.Reject, entry.RecordLength, name, refusal);
        }

        var dataStart = DataStart(archive, entry, location.Offset);
        if (dataStart < 0)
        {
            return new Outcome(Verdict.Reject, entry.RecordLength, name, "is damaged: its local header is missing or its data runs into the central directory");
        }

        var result = await ExtractAsync(archive, entry, dataStart, name, tree, cancellationToken).ConfigureAwait(false);
        return result with { RecordLength = entry.RecordLength };
    }

    private static string? Refusal(ZipEntryRecord entry, string path) => entry switch
    {
        _ when path.Length == 0 => "has no name",
        { IsSymbolicLink: true } => "is a symbolic link, which is never followed",
        { IsSpecialFile: true } => "is a device, pipe or socket, not a file",
        { IsEncrypted: true } => "is encrypted (password-protected) and cannot be read; zip it without a password",
        { Method: not (Stored or Deflated) } =>
            $"is compressed with method {entry.Method}; only Stored (0) and Deflate (8) are read, so re-zip it with Deflate",
        _ => null,
    };

    /// <summary>DICOMDIR only indexes the files beside it; __MACOSX holds Finder metadata, never images.</summary>
    private static bool Skipped(string path) =>
        path.StartsWith("__MACOSX/", StringComparison.Ordinal)
        || string.Equals(path[(path.LastIndexOf('/') + 1)..], "DICOMDIR", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the entry's data starts, after its local header (APPNOTE 4.3.7), or −1 when the header is not
    /// there or the data would not end before the central directory.</summary>
    private static long DataStart(SafeFileHandle archive, ZipEntryRecord entry, long directoryOffset)
    {
        Span<byte> header = stackalloc byte[LocalHeaderLength];
        if (entry.LocalHeaderOffset < 0 || entry.CompressedSize < 0 || entry.LocalHeaderOffset > directoryOffset - LocalHeaderLength
            || RandomAccess.Read(archive, header, entry.LocalHeaderOffset) != LocalHeaderLength
            || BinaryPrimitives.ReadUInt32LittleEndian(header) != LocalHeaderSignature)
        {
            return -1;
        }

        var start = entry.LocalHeaderOffset + LocalHeaderLength + BinaryPrimitives.ReadUInt16LittleEndian(header[26..])
            + BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
        return start <= directoryOffset && entry.CompressedSize <= directoryOffset - start ? start : -1;
    }

    private async Task<Outcome> ExtractAsync(
        SafeFileHandle archive, ZipEntryRecord entry, long dataStart, string name, ArchiveTree tree, CancellationToken cancellationToken)
    {
        var source = new ZipDataStream(archive, dataStart, entry.CompressedSize);
        await using var inflater = entry.Method == Deflated ? new DeflateStream(source, CompressionMode.Decompress) : (Stream)source;
        var file = _tempFiles.CreateFile();
        var keep = false;
        _head.Reset();
        _crc.Reset();
        long length = 0;
        try
        {
            int read;
            while ((read = await inflater.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var chunk = _buffer.AsSpan(0, read);
                length += read;
                tree.Inflated += read;
                _bytesLeft -= read;
                _head.Capture(chunk);
                _crc.Append(chunk);
                if (Crossed(entry, name, length, source.Consumed, tree) is { } crossed)
                {
                    return crossed;
                }

                await file.WriteAsync(_buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            if (length != entry.UncompressedSize)
            {
                return new Outcome(Verdict.Reject, 0, name, $"inflates to {Amounts.Count(length)} bytes, not the {Amounts.Count(entry.UncompressedSize)} its header declares: the archive is damaged");
            }

            if (_crc.GetCurrentHashAsUInt32() != entry.Crc32)
            {
                return new Outcome(Verdict.Reject, 0, name, "fails its CRC-32 check: the archive is damaged");
            }

            await file.DisposeAsync().ConfigureAwait(false);
            keep = true;
            return new Outcome(Verdict.File, 0, File: _head.Describe(name, file.Name, length, contentType: null));
        }
        catch (InvalidDataException)
        {
            return new Outcome(Verdict.Reject, 0, name, "is not valid Deflate data: the archive is damaged");
        }
        finally
        {
            await file.DisposeAsync().ConfigureAwait(false);
            if (!keep)
            {
                _tempFiles.Release(file.Name);
            }
        }
    }

    /// <summary>The first limit the entry has crossed with its latest chunk: bomb limits stop the archive, the
    /// others refuse this entry only.</summary>
    private Outcome? Crossed(ZipEntryRecord entry, string name, long length, long consumed, ArchiveTree tree)
    {
        var ratio = _options.Zip.MaxCompressionRatio;
        var ratioKey = $"{ZipKey}:{nameof(ZipLimitOptions.MaxCompressionRatio)}";
        string? stop = null;
        if (_bytesLeft < 0)
        {
            stop = $"the upload's archives inflate to more than {Amounts.Bytes(_options.Zip.MaxUncompressedBytes)} "
                + $"({ZipKey}:{nameof(ZipLimitOptions.MaxUncompressedBytes)})";
        }
        else if (length > RatioGrace && length / ratio > Math.Max(consumed, 1))
        {
            stop = $"it inflates to more than {ratio}:1 ({ratioKey}), as zip bombs do";
        }
        else if (tree.Inflated > RatioGrace && tree.Inflated / ratio > tree.TopLength)
        {
            stop = $"the archive inflates to more than {ratio} times its size ({ratioKey}), as zip bombs do";
        }

        if (stop is not null)
        {
            return new Outcome(Verdict.StopArchive, 0, Reason: $"stopped at '{name}': {stop}; the entries before it were kept");
        }

        if (length > entry.UncompressedSize)
        {
            return new Outcome(Verdict.Reject, 0, name, $"inflates past the {Amounts.Count(entry.UncompressedSize)} bytes its header declares: the archive is damaged or forged");
        }

        return length > _options.MaxFileBytes && !_head.IsArchive
            ? new Outcome(Verdict.Reject, 0, name, $"is larger than {Amounts.Bytes(_options.MaxFileBytes)} ({FileKey})")
            : null;
    }

    private string NestingReason() => _options.Zip.MaxNesting == 0
        ? $"is a zip inside a zip, which is not opened ({ZipKey}:{nameof(ZipLimitOptions.MaxNesting)} is 0)"
        : $"is a zip nested more than {_options.Zip.MaxNesting} level deep, which is not opened ({ZipKey}:{nameof(ZipLimitOptions.MaxNesting)})";

    private readonly record struct Outcome(Verdict Verdict, int RecordLength, string? Name = null, string? Reason = null, SpooledFile? File = null);

    /// <summary>One uploaded archive and everything nested in it: they share its overall ratio and stop together.</summary>
    private sealed class ArchiveTree(long topLength)
    {
        public long TopLength { get; } = topLength;

        public long Inflated { get; set; }

        public bool Stopped { get; set; }
    }
}
