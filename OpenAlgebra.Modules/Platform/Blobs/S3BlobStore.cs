using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace OpenAlgebra.Modules.Platform.Blobs;

/// <summary>
/// Objects in one S3 bucket, path-style so MinIO and other S3-API servers work. An S3 PUT is atomic per object,
/// so a failed upload leaves the previous object (or none), never half of one.
/// </summary>
internal sealed class S3BlobStore : IBlobStore, IDisposable
{
    // The S3 limit for a single PUT; DICOM objects and masks are far smaller.
    private const long MaximumObjectSize = 5L << 30;

    /// <summary>Objects of unknown length up to this size are buffered in memory for their PUT, larger ones on disk.</summary>
    private const int MemoryBufferLength = 4 << 20;
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly SemaphoreSlim _bucketGate = new(1, 1);
    private bool _bucketReady;

    public S3BlobStore(S3Options options)
    {
        Validate(options);
        _bucket = options.Bucket;
        _client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = options.Region,
            // Checksum trailers on every request are newer than many S3-compatible servers; ask only when required.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
    }

    public string Kind => "s3";

    /// <exception cref="InvalidOperationException">A setting the client needs is missing; the message names it.</exception>
    public static void Validate(S3Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ServiceUrl) || string.IsNullOrWhiteSpace(options.AccessKey) || string.IsNullOrWhiteSpace(options.SecretKey))
        {
            throw new InvalidOperationException($"{BlobOptions.Section}:S3 needs ServiceUrl, AccessKey and SecretKey when the provider is s3.");
        }
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        ArgumentNullException.ThrowIfNull(content);
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        if (content.CanSeek)
        {
            await PutSeekableAsync(key, content, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A signed single PUT needs the length and a payload hash up front: a stream of unknown length is buffered, in a rented
        // buffer while it fits one (instances and vault entries do), past that on disk.
        var buffer = ArrayPool<byte>.Shared.Rent(MemoryBufferLength);
        try
        {
            var filled = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (filled < buffer.Length)
            {
                await PutSeekableAsync(key, new MemoryStream(buffer, 0, filled, writable: false), cancellationToken).ConfigureAwait(false);
                return;
            }

            var path = Path.Combine(Path.GetTempPath(), "openalgebra-s3-" + Guid.NewGuid().ToString("N"));
            await using var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            await spool.WriteAsync(buffer.AsMemory(0, filled), cancellationToken).ConfigureAwait(false);
            await content.CopyToAsync(spool, cancellationToken).ConfigureAwait(false);
            spool.Position = 0;
            await PutSeekableAsync(key, spool, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task PutSeekableAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        if (content.Length - content.Position > MaximumObjectSize)
        {
            throw new IOException($"Object {key} is {content.Length - content.Position} bytes; one S3 PUT takes at most {MaximumObjectSize}.");
        }

        // Unchunked payload signing: S3-compatible servers differ in their support for aws-chunked uploads.
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket, Key = key, InputStream = content, AutoCloseStream = false, UseChunkEncoding = false,
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        try
        {
            var response = await _client.GetObjectAsync(_bucket, key, cancellationToken).ConfigureAwait(false);
            return new ResponseStream(response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        try
        {
            await _client.GetObjectMetadataAsync(_bucket, key, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await _client.DeleteObjectAsync(_bucket, key, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix };
        do
        {
            var page = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return item.Key;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (!string.IsNullOrEmpty(request.ContinuationToken));
    }

    /// <summary>A PUT that never completed leaves nothing in the bucket (see the class remarks): nothing to remove.</summary>
    public Task<int> DeleteAbandonedWritesAsync(DateTimeOffset before, CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task ProbeAsync(CancellationToken cancellationToken = default) =>
        BlobProbe.RunAsync(this, $"S3 bucket {_bucket}", cancellationToken);

    public void Dispose()
    {
        _client.Dispose();
        _bucketGate.Dispose();
    }

    /// <summary>Creates the bucket on first use when it does not exist (compose's init job usually has).</summary>
    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady)
        {
            return;
        }

        await _bucketGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_bucketReady && !await BucketExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                await _client.PutBucketAsync(_bucket, cancellationToken).ConfigureAwait(false);
            }

            _bucketReady = true;
        }
        finally
        {
            _bucketGate.Release();
        }
    }

    // A one-key listing: the plainest request every S3-compatible server answers.
    private async Task<bool> BucketExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, MaxKeys = 1 }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The object's bytes; disposing it releases the HTTP response.</summary>
    private sealed class ResponseStream(GetObjectResponse response) : ForwardReadStream
    {
        private readonly Stream _inner = response.ResponseStream;

        public override long Length => response.ContentLength;

        public override int Read(Span<byte> buffer) => _inner.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
