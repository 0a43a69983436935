using System.Buffers;
using System.Security.Cryptography;

namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary>
/// Reads as the plaintext of an encrypted object (<paramref name="ciphertext"/> positioned at its first chunk). A chunk
/// is returned only after it authenticates; the end of the object is known from the last-chunk flag, and the
/// plaintext's SHA-256 is checked against the expected one. Its buffers are rented for at most one chunk (less for a
/// smaller object) and go back to the pool on dispose, the plaintext one cleared.
/// </summary>
internal sealed class DecryptingStream : ForwardReadStream
{
    private readonly Stream _ciphertext;
    private readonly ChunkCipher _cipher;
    private readonly string _objectKey;
    private readonly string _expectedSha256;
    private readonly Action<IntegrityException> _alarm;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly int _inputLength;
    private byte[] _input;
    private byte[] _plain;
    private byte _lookahead;
    private bool _haveLookahead;
    private int _plainStart;
    private int _plainEnd;
    private uint _index;
    private bool _done;

    /// <param name="sizeHint">The recorded plaintext size, when known, so that a small object rents small buffers.</param>
    public DecryptingStream(Stream ciphertext, ChunkCipher cipher, int chunkSize, long? sizeHint, string objectKey, string expectedSha256,
        Action<IntegrityException> alarm)
    {
        _ciphertext = ciphertext;
        _cipher = cipher;
        _objectKey = objectKey;
        _expectedSha256 = expectedSha256;
        _alarm = alarm;
        var plain = sizeHint is { } size and < int.MaxValue ? (int)Math.Min(chunkSize, Math.Max(1, size)) : chunkSize;
        _inputLength = plain == chunkSize ? chunkSize + ChunkCipher.TagSize : plain + ChunkCipher.TagSize;
        _input = ArrayPool<byte>.Shared.Rent(_inputLength);
        _plain = ArrayPool<byte>.Shared.Rent(plain);
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_input.Length == 0, this);
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

        var input = _input.AsSpan(0, _inputLength);
        var filled = 0;
        if (_haveLookahead)
        {
            input[0] = _lookahead;
            filled = 1;
        }

        filled += _ciphertext.ReadAtLeast(input[filled..], input.Length - filled, throwOnEndOfStream: false);
        _haveLookahead = filled == input.Length && _ciphertext.Read(new Span<byte>(ref _lookahead)) == 1;
        var last = !_haveLookahead;
        if (filled < ChunkCipher.TagSize || filled - ChunkCipher.TagSize > _plain.Length || !_cipher.TryDecrypt(_index, last, input[..filled], _plain))
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
            if (!string.Equals(actual, _expectedSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw Fail($"its plaintext SHA-256 is {actual}, but {_expectedSha256} was recorded at write.");
            }
        }

        return true;
    }

    private IntegrityException Fail(string message)
    {
        var failure = new IntegrityException(_objectKey, message);
        _alarm(failure);
        return failure;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _input.Length > 0)
        {
            _hash.Dispose();
            _cipher.Dispose();
            _ciphertext.Dispose();
            ArrayPool<byte>.Shared.Return(_input);
            ArrayPool<byte>.Shared.Return(_plain, clearArray: true);
            _input = [];
            _plain = [];
        }

        base.Dispose(disposing);
    }
}
