using System.Security.Cryptography;

namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>
/// Reads as the ciphertext of <paramref name="plaintext"/>, one chunk at a time, hashing the plaintext on the way;
/// the blob store pulls from it, so no whole object is ever held in memory.
/// </summary>
internal sealed class EncryptingStream(Stream plaintext, ChunkCipher cipher, int chunkSize) : ForwardReadStream
{
    private readonly byte[] _current = new byte[chunkSize];
    private readonly byte[] _next = new byte[chunkSize];
    private readonly byte[] _output = new byte[chunkSize + ChunkCipher.TagSize];
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _nextLength = -1;
    private int _outputStart;
    private int _outputEnd;
    private uint _index;
    private bool _done;

    public long PlaintextSize { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the plaintext; valid once the stream has been read to the end.</summary>
    public string Sha256 => _done ? Convert.ToHexStringLower(_hash.GetCurrentHash()) : throw new InvalidOperationException("The stream was not read to the end.");

    public override int Read(Span<byte> buffer)
    {
        if (_outputStart == _outputEnd && !ProduceChunk())
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _outputEnd - _outputStart);
        _output.AsSpan(_outputStart, n).CopyTo(buffer);
        _outputStart += n;
        return n;
    }

    /// <summary>Encrypts the next chunk; the chunk after it is read ahead to know whether this one is the last.</summary>
    private bool ProduceChunk()
    {
        if (_done)
        {
            return false;
        }

        var length = _nextLength >= 0 ? _nextLength : plaintext.ReadAtLeast(_current, chunkSize, throwOnEndOfStream: false);
        if (_nextLength >= 0)
        {
            _next.AsSpan(0, length).CopyTo(_current);
        }

        _nextLength = length == chunkSize ? plaintext.ReadAtLeast(_next, chunkSize, throwOnEndOfStream: false) : 0;
        var last = _nextLength == 0;
        var chunk = _current.AsSpan(0, length);
        _hash.AppendData(chunk);
        PlaintextSize += length;
        cipher.Encrypt(_index++, last, chunk, _output);
        _outputStart = 0;
        _outputEnd = length + ChunkCipher.TagSize;
        _done = last;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
