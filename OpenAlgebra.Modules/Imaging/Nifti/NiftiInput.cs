using System.IO.Compression;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>
/// The NIfTI bytes of a stream, decompressed when the stream starts with the gzip magic, read forward once. Every read
/// is exact or fails with a <see cref="NiftiFormatException"/> naming the byte offset; nothing is allocated from a
/// size the stream has not yet shown it can supply.
/// </summary>
internal sealed class NiftiInput : IDisposable
{
    /// <summary>Bytes read per step, and the size a buffer starts at when the stream cannot vouch for the size it is meant to reach.</summary>
    public const int ChunkSize = 1 << 16;

    private readonly Stream _stream;
    private readonly long? _length;
    private readonly string _source;

    private NiftiInput(Stream stream, long? length, string source)
    {
        _stream = stream;
        _length = length;
        _source = source;
    }

    /// <summary>Whether the stream's size is known, so that <see cref="EnsureAvailable"/> has checked what it promises.</summary>
    public bool KnowsLength => _length is not null;

    /// <summary>Offset of the next byte in the (decompressed) NIfTI bytes.</summary>
    public long Position { get; private set; }

    public static NiftiInput Open(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Only a plain seekable stream can say up front how many bytes it holds; gzip and network streams cannot.
        var length = stream.CanSeek ? stream.Length - stream.Position : (long?)null;
        var magic = new byte[2];
        var got = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        var replay = new PrefixedStream(magic.AsMemory(0, got), stream);
        return got == 2 && magic[0] == 0x1F && magic[1] == 0x8B
            ? new NiftiInput(new GZipStream(replay, CompressionMode.Decompress, leaveOpen: true), null, $"{name} (gzip)")
            : new NiftiInput(replay, length, name);
    }

    /// <summary>Fails now, before anything is allocated, when the stream is known to be shorter than <paramref name="count"/> more bytes.</summary>
    public void EnsureAvailable(long count, string what)
    {
        if (_length is { } length && count > length - Position)
        {
            throw new NiftiFormatException(
                $"The {_source} stream holds {length} bytes, but {what} needs bytes {Position} to {Position + count - 1}.");
        }
    }

    public void ReadExactly(Span<byte> buffer, string what)
    {
        var got = ReadUpTo(buffer);
        if (got < buffer.Length)
        {
            throw new NiftiFormatException($"The {_source} stream ends at byte {Position}, inside {what} (bytes {Position - got} to {Position - got + buffer.Length - 1}).");
        }
    }

    /// <summary>Fills as much of <paramref name="buffer"/> as the stream still holds; fewer bytes only at its end.</summary>
    public int ReadUpTo(Span<byte> buffer)
    {
        int got;
        try
        {
            got = _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new NiftiFormatException($"The {_source} stream is corrupt after byte {Position} of its decompressed data: {e.Message}", e);
        }

        Position += got;
        return got;
    }

    /// <summary>Reads <paramref name="count"/> bytes into a buffer grown only as the bytes arrive.</summary>
    public byte[] ReadBytes(int count, string what)
    {
        EnsureAvailable(count, what);
        var buffer = new byte[_length is null ? Math.Min(count, ChunkSize) : count];
        var filled = 0;
        while (filled < count)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(count, buffer.Length * 2L));
            }

            var piece = buffer.AsSpan(filled, buffer.Length - filled);
            ReadExactly(piece, what);
            filled += piece.Length;
        }

        return buffer;
    }

    /// <summary>Reads past <paramref name="count"/> bytes.</summary>
    public void Skip(long count, string what)
    {
        EnsureAvailable(count, what);
        Span<byte> scratch = stackalloc byte[4096];
        while (count > 0)
        {
            var piece = scratch[..(int)Math.Min(count, scratch.Length)];
            ReadExactly(piece, what);
            count -= piece.Length;
        }
    }

    public void Dispose()
    {
        // The caller owns the stream it passed; only a GZipStream wrapped around it is ours to close.
        if (_stream is GZipStream gzip)
        {
            gzip.Dispose();
        }
    }
}
