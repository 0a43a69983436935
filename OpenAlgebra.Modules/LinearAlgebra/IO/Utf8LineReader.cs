using System.Buffers;
using System.IO.Compression;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.LinearAlgebra.IO;

/// <summary>
/// The lines of a text stream as UTF-8 spans over one pooled buffer, counted from 1, with gzip undone when the stream
/// starts with its magic bytes. No line is copied or turned into a string, so reading millions of entry lines
/// allocates nothing per line.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    /// <summary>The longest line accepted: entry lines hold a few numbers, so only a corrupt file comes near it.</summary>
    public const int MaxLineLength = 1 << 20;

    private readonly Stream _text;
    private readonly Stream? _owned;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(MaxLineLength);
    private int _start;
    private int _end;
    private bool _ended;

    private Utf8LineReader(Stream text, Stream? owned, long? plainLength)
    {
        _text = text;
        _owned = owned;
        PlainLength = plainLength;
    }

    /// <summary>The number of the line last returned (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes of text ahead when the stream is plain and seekable; unknown for gzip and forward-only streams.</summary>
    public long? PlainLength { get; }

    public static Utf8LineReader Open(Stream stream, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var length = stream.CanSeek ? stream.Length - stream.Position : (long?)null;
        var magic = new byte[2];
        var got = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        var replay = new PrefixedStream(magic.AsMemory(0, got), stream);
        var owned = leaveOpen ? null : stream;
        if (got == 2 && magic[0] == 0x1F && magic[1] == 0x8B)
            return new Utf8LineReader(new GZipStream(replay, CompressionMode.Decompress, leaveOpen: true), owned, plainLength: null);
        return new Utf8LineReader(replay, owned, length);
    }

    /// <summary>The next line without its line break (LF or CRLF); false at the end of the stream.</summary>
    /// <exception cref="MatrixMarketFormatException">A line is longer than <see cref="MaxLineLength"/>, or the gzip data is corrupt.</exception>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = WithoutCarriageReturn(pending[..newline]);
                _start += newline + 1;
                LineNumber++;
                return true;
            }
            if (_ended)
            {
                line = WithoutCarriageReturn(pending);
                _start = _end;
                if (pending.IsEmpty)
                    return false;
                LineNumber++;
                return true;
            }
            Refill();
        }
    }

    public void Dispose()
    {
        _text.Dispose();
        _owned?.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Refill()
    {
        var pending = _end - _start;
        if (pending == _buffer.Length)
            throw new MatrixMarketFormatException(LineNumber + 1, $"the line is longer than {MaxLineLength} bytes; Matrix Market lines hold a few numbers or a comment.");
        _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        _start = 0;
        _end = pending;
        int read;
        try
        {
            read = _text.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException e)
        {
            throw new MatrixMarketFormatException(LineNumber + 1, $"the gzip data is corrupt: {e.Message}", e);
        }
        if (read == 0)
            _ended = true;
        _end += read;
    }

    private static ReadOnlySpan<byte> WithoutCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
