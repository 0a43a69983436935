using System.Security.Cryptography;

namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>
/// Reads as the plaintext of an encrypted object. A chunk is returned only after it authenticates; the end of
/// the object is known from the last-chunk flag, and the plaintext's SHA-256 is checked against the expected one.
/// </summary>
internal sealed class DecryptingStream(Stream ciphertext, ChunkCipher cipher, int chunkSize, string objectKey, string expectedSha256, Action<IntegrityException> alarm)
    : ForwardReadStream
{
    private readonly byte[] _input = new byte[chunkSize + ChunkCipher.TagSize];
    private readonly byte[] _lookahead = new byte[1];
    private readonly byte[] _plain = new byte[chunkSize];
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _haveLookahead;
    private int _plainStart;
    private int _plainEnd;
    private uint _index;
    private bool _done;

    public override int Read(Span<byte> buffer)
    {
        if (_plainStart == _plainEnd && !NextChunk())
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _plainEnd - _plainStart);
        _plain.AsSpan(_plainStart, n).CopyTo(buffer);
        _plainStart += n;
        return n;
    }

    private bool NextChunk()
    {
        if (_done)
        {
            return false;
        }

        var filled = 0;
        if (_haveLookahead)
        {
            _input[0] = _lookahead[0];
            filled = 1;
        }

        filled += ciphertext.ReadAtLeast(_input.AsSpan(filled), _input.Length - filled, throwOnEndOfStream: false);
        _haveLookahead = filled == _input.Length && ciphertext.Read(_lookahead) == 1;
        var last = !_haveLookahead;
        if (filled < ChunkCipher.TagSize || !cipher.TryDecrypt(_index, last, _input.AsSpan(0, filled), _plain))
        {
            throw Fail(filled < ChunkCipher.TagSize || last
                ? $"chunk {_index} does not authenticate as the last chunk (the object was cut short or altered)."
                : $"chunk {_index} does not authenticate (altered or out of order).");
        }

        _index++;
        _plainStart = 0;
        _plainEnd = filled - ChunkCipher.TagSize;
        _hash.AppendData(_plain.AsSpan(0, _plainEnd));
        if (last)
        {
            _done = true;
            var actual = Convert.ToHexStringLower(_hash.GetCurrentHash());
            if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw Fail($"its plaintext SHA-256 is {actual}, but {expectedSha256} was recorded at write.");
            }
        }

        return true;
    }

    private IntegrityException Fail(string message)
    {
        var failure = new IntegrityException(objectKey, message);
        alarm(failure);
        return failure;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            cipher.Dispose();
            ciphertext.Dispose();
        }

        base.Dispose(disposing);
    }
}
