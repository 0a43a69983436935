using System.Buffers;

namespace OpenAlgebra.Modules.Imaging;

/// <summary>
/// A write-only stream into a buffer rented from <see cref="ArrayPool{T}.Shared"/>, so that compressing a slice or
/// writing an instance allocates no array of its own; it grows by renting a larger buffer and returns its buffer when
/// disposed.
/// </summary>
internal sealed class PooledBufferStream(int capacity) : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
    private int _length;

    /// <summary>The bytes written so far; valid until the next write or disposal.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>A read-only, seekable view of the bytes written so far, over the same buffer; valid until disposal.</summary>
    public MemoryStream OpenRead() => new(_buffer, 0, _length, writable: false, publiclyVisible: true);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException("The stream only appends.");
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_buffer.Length - _length < buffer.Length)
        {
            Grow(buffer.Length);
        }

        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is write-only.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The stream only appends.");

    public override void SetLength(long value) => throw new NotSupportedException("The stream only appends.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        base.Dispose(disposing);
    }

    private void Grow(int more)
    {
        var needed = (long)_length + more;
        if (needed > Array.MaxLength)
        {
            throw new IOException($"More than {Array.MaxLength} bytes do not fit one buffer.");
        }

        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(needed, 2L * _buffer.Length), Array.MaxLength));
        Written.CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
