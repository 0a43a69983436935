using System.Buffers.Binary;

namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>
/// Forward-only buffered reading of an untrusted stream with the offset of every byte. A declared length is never
/// trusted for allocation: values grow with the bytes that actually arrive, so a lying header costs nothing.
/// </summary>
internal sealed class DicomInput(Stream stream, long largeValueThreshold)
{
    private const int ChunkSize = 1 << 20;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _exhausted;

    /// <summary>Offset of the next unread byte from the start of the stream.</summary>
    public long Position { get; private set; }

    public bool BigEndian { get; set; }

    /// <summary>True when no byte is left.</summary>
    public bool AtEnd => !Ensure(1);

    /// <summary>Makes at least <paramref name="count"/> bytes (≤ buffer size) available; false at end of stream.</summary>
    public bool Ensure(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        while (_end - _start < count && !_exhausted)
        {
            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _exhausted = true;
            }

            _end += read;
        }

        return _end - _start >= count;
    }

    /// <summary>The next bytes without consuming them; shorter when the stream ends first.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        Ensure(count);
        return _buffer.AsSpan(_start, Math.Min(count, _end - _start));
    }

    public ushort ReadUInt16(DicomTag? tag)
    {
        Need(2, tag);
        var span = _buffer.AsSpan(_start, 2);
        Advance(2);
        return BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
    }

    public uint ReadUInt32(DicomTag? tag)
    {
        Need(4, tag);
        var span = _buffer.AsSpan(_start, 4);
        Advance(4);
        return BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);
    }

    public DicomTag ReadTag()
    {
        var group = ReadUInt16(null);
        var element = ReadUInt16(null);
        return new DicomTag(group, element);
    }

    public (byte First, byte Second) ReadTwoBytes(DicomTag tag)
    {
        Need(2, tag);
        var pair = (_buffer[_start], _buffer[_start + 1]);
        Advance(2);
        return pair;
    }

    public void Skip(long count, DicomTag? tag)
    {
        while (count > 0)
        {
            if (!Ensure(1))
            {
                throw Truncated(count, tag);
            }

            var step = (int)Math.Min(count, _end - _start);
            Advance(step);
            count -= step;
        }
    }

    /// <summary>Reads a value of a declared length, in memory or (above the threshold) spooled to a temporary file.</summary>
    public DicomBuffer ReadValue(long length, DicomTag tag)
    {
        if (length == 0)
        {
            return DicomBuffer.Empty;
        }

        return length > largeValueThreshold ? Spool(length, tag) : new MemoryBuffer(ReadBytes(checked((int)length), tag));
    }

    public byte[] ReadBytes(int length, DicomTag? tag)
    {
        // Small values come straight from the buffer; large ones grow chunk by chunk as bytes arrive.
        if (length <= _buffer.Length && Ensure(length))
        {
            var bytes = _buffer.AsSpan(_start, length).ToArray();
            Advance(length);
            return bytes;
        }

        // Every byte is overwritten before the array is seen, so skip zeroing it (pixel data is most of a file).
        var result = GC.AllocateUninitializedArray<byte>(Math.Min(length, ChunkSize));
        var filled = 0;
        while (filled < length)
        {
            if (!Ensure(1))
            {
                throw Truncated(length - filled, tag);
            }

            if (filled == result.Length)
            {
                var grown = GC.AllocateUninitializedArray<byte>((int)Math.Min(length, (long)result.Length * 2));
                result.AsSpan(0, filled).CopyTo(grown);
                result = grown;
            }

            var step = Math.Min(Math.Min(length - filled, _end - _start), result.Length - filled);
            _buffer.AsSpan(_start, step).CopyTo(result.AsSpan(filled));
            Advance(step);
            filled += step;
        }

        return result;
    }

    private FileBuffer Spool(long length, DicomTag tag)
    {
        var path = Path.Combine(Path.GetTempPath(), "openalgebra-dicom-" + Guid.NewGuid().ToString("N"));
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, FileOptions.DeleteOnClose);
        try
        {
            long written = 0;
            while (written < length)
            {
                if (!Ensure(1))
                {
                    throw Truncated(length - written, tag);
                }

                var step = (int)Math.Min(length - written, _end - _start);
                RandomAccess.Write(handle, _buffer.AsSpan(_start, step), written);
                Advance(step);
                written += step;
            }

            return new FileBuffer(handle, length);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private void Need(int count, DicomTag? tag)
    {
        if (!Ensure(count))
        {
            throw Truncated(count - (_end - _start), tag);
        }
    }

    private void Advance(int count)
    {
        _start += count;
        Position += count;
    }

    private DicomFormatException Truncated(long missing, DicomTag? tag) =>
        new($"The data ends {missing} bytes before the declared length", tag, Position);

}
