using System.Buffers;

namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>
/// Reads as an encrypted object: <paramref name="header"/>, then the ciphertext of the next <paramref name="length"/>
/// bytes of <paramref name="plaintext"/>, one chunk at a time. The blob store pulls from it, so no whole object is held
/// in memory. A memory stream is encrypted straight from its buffer; any other stream is read through a rented chunk
/// buffer, cleared when it goes back to the pool since it held plaintext.
/// </summary>
internal sealed class EncryptingStream : ForwardReadStream, Blobs.ISizedStream
{
    private readonly Stream _plaintext;
    private readonly ReadOnlyMemory<byte> _inMemory;
    private readonly ChunkCipher _cipher;
    private readonly int _chunkSize;
    private readonly byte[] _header;
    private byte[]? _plain;
    private byte[] _output;
    private long _remaining;
    private int _headerServed;
    private int _outputStart;
    private int _outputEnd;
    private uint _index;
    private bool _done;

    public EncryptingStream(Stream plaintext, long length, byte[] header, ChunkCipher cipher, int chunkSize)
    {
        _plaintext = plaintext;
        _remaining = length;
        _header = header;
        Size = header.Length + length + (Math.Max(1, (length + chunkSize - 1) / chunkSize) * ChunkCipher.TagSize);
        _cipher = cipher;
        _chunkSize = chunkSize;
        var buffer = (int)Math.Min(chunkSize, Math.Max(1, length));
        if (plaintext is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            _inMemory = segment.AsMemory((int)memory.Position, (int)length);
        }
        else
        {
            _plain = ArrayPool<byte>.Shared.Rent(buffer);
        }

        _output = ArrayPool<byte>.Shared.Rent(buffer + ChunkCipher.TagSize);
    }

    /// <summary>The header and every chunk with its tag (an empty object has one empty chunk).</summary>
    public long Size { get; }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_output.Length == 0, this);
        if (_headerServed < _header.Length)
        {
            var h = Math.Min(buffer.Length, _header.Length - _headerServed);
            _header.AsSpan(_headerServed, h).CopyTo(buffer);
            _headerServed += h;
            return h;
        }

        if (_outputStart == _outputEnd && !ProduceChunk())
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _outputEnd - _outputStart);
        _output.AsSpan(_outputStart, n).CopyTo(buffer);
        _outputStart += n;
        return n;
    }

    /// <summary>Encrypts the next chunk; an empty object still has one (empty, authenticated) last chunk.</summary>
    private bool ProduceChunk()
    {
        if (_done)
        {
            return false;
        }

        var length = (int)Math.Min(_chunkSize, _remaining);
        var chunk = _plain is null ? _inMemory.Span.Slice(_inMemory.Length - (int)_remaining, length) : ReadChunk(_plain, length);
        _remaining -= length;
        _done = _remaining == 0;
        _cipher.Encrypt(_index++, _done, chunk, _output);
        _outputStart = 0;
        _outputEnd = length + ChunkCipher.TagSize;
        return true;
    }

    private ReadOnlySpan<byte> ReadChunk(byte[] buffer, int length)
    {
        var read = _plaintext.ReadAtLeast(buffer.AsSpan(0, length), length, throwOnEndOfStream: false);
        return read == length
            ? buffer.AsSpan(0, length)
            : throw new IOException($"The plaintext ended {_remaining - read} bytes before the length it was stored with.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _output.Length > 0)
        {
            if (_plain is not null)
            {
                ArrayPool<byte>.Shared.Return(_plain, clearArray: true);
                _plain = null;
            }

            ArrayPool<byte>.Shared.Return(_output);
            _output = [];
        }

        base.Dispose(disposing);
    }
}
