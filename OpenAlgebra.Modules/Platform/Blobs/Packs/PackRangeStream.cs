using Microsoft.Win32.SafeHandles;

namespace OpenAlgebra.Modules.Platform.Blobs.Packs;

/// <summary>One object's range of a pack file, read-only and seekable; it owns the handle it reads through.</summary>
internal sealed class PackRangeStream(SafeFileHandle pack, string packName, long at, long length) : Stream
{
    private long _position;

    public override bool CanRead => !pack.IsClosed;
    public override bool CanSeek => !pack.IsClosed;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A position cannot be negative.");
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(pack.IsClosed, this);
        var wanted = (int)Math.Min(buffer.Length, Math.Max(0, length - _position));
        if (wanted == 0)
        {
            return 0;
        }

        var read = RandomAccess.Read(pack, buffer[..wanted], at + _position);
        if (read == 0)
        {
            throw new IOException($"The pack file {packName} ends inside the object at {at} ({length} bytes): it was truncated.");
        }

        _position += read;
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Not a seek origin."),
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            pack.Dispose();
        }

        base.Dispose(disposing);
    }
}
