using Microsoft.Win32.SafeHandles;

namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>
/// The bytes of one value. Small values live in memory; values above the reader's threshold (large pixel data)
/// are spooled to a temporary file so that a multi-gigabyte file never becomes one array.
/// </summary>
public abstract class DicomBuffer
{
    public abstract long Length { get; }

    /// <summary>False for a value spooled to disk: read it with <see cref="OpenRead"/>.</summary>
    public abstract bool IsInMemory { get; }

    /// <summary>The bytes of an in-memory value.</summary>
    /// <exception cref="InvalidOperationException">The value is on disk.</exception>
    public abstract ReadOnlyMemory<byte> Memory { get; }

    public abstract Stream OpenRead();

    public static DicomBuffer Empty { get; } = new MemoryBuffer(ReadOnlyMemory<byte>.Empty);

    public static DicomBuffer FromBytes(ReadOnlyMemory<byte> bytes) => new MemoryBuffer(bytes);
}

internal sealed class MemoryBuffer(ReadOnlyMemory<byte> bytes) : DicomBuffer
{
    public override long Length => bytes.Length;

    public override bool IsInMemory => true;

    public override ReadOnlyMemory<byte> Memory => bytes;

    public override Stream OpenRead() => new MemoryStream(bytes.ToArray(), writable: false);
}

/// <summary>A value in a delete-on-close temporary file; the file goes when the last handle is released.</summary>
internal sealed class FileBuffer(SafeFileHandle handle, long length) : DicomBuffer
{
    public override long Length => length;

    public override bool IsInMemory => false;

    public override ReadOnlyMemory<byte> Memory =>
        throw new InvalidOperationException($"This value of {length} bytes is held on disk; read it with OpenRead().");

    public override Stream OpenRead() => new FileStream(new SafeFileHandle(handle.DangerousGetHandle(), ownsHandle: false), FileAccess.Read);
}
