using System.Buffers;
using System.Globalization;
using System.Text;

namespace OpenAlgebra.Modules.LinearAlgebra.IO;

/// <summary>
/// Text formatted straight into a pooled UTF-8 buffer and written to a stream in large blocks: numbers in the
/// invariant culture, reals in their shortest round-trip form, no string per number.
/// </summary>
internal sealed class Utf8TextWriter(Stream stream) : IDisposable
{
    private const int BlockSize = 1 << 16;

    /// <summary>Room for the longest single item written at once (a real is at most 24 bytes in "R" form).</summary>
    private const int ItemRoom = 64;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int _used;

    public void Write(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Flush(bytes.Length);
        if (bytes.Length > _buffer.Length)
        {
            stream.Write(bytes);
            return;
        }
        bytes.CopyTo(_buffer, _used);
        _used += bytes.Length;
    }

    public void Write(long value) => Write(value, default);

    /// <summary>A real in its shortest form that reads back to the same bits.</summary>
    public void WriteReal<T>(T value) where T : IUtf8SpanFormattable => Write(value, "R");

    public void Space() => WriteByte((byte)' ');

    public void NewLine() => WriteByte((byte)'\n');

    /// <summary>Writes everything buffered to the stream.</summary>
    public void Flush()
    {
        stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Write<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        Flush(ItemRoom);
        if (!value.TryFormat(_buffer.AsSpan(_used), out var written, format, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"A number did not fit in {ItemRoom} bytes.");
        _used += written;
    }

    private void WriteByte(byte b)
    {
        Flush(1);
        _buffer[_used++] = b;
    }

    /// <summary>Writes the buffer out when fewer than <paramref name="room"/> bytes are left in it.</summary>
    private void Flush(int room)
    {
        if (_buffer.Length - _used < room)
            Flush();
    }
}
