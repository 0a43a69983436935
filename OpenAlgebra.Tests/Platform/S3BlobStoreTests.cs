using OpenAlgebra.Modules.Platform.Blobs;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Platform;

/// <summary>The blob store contract against a real S3-API server (s3rver in CI, started by .ci/run).</summary>
public sealed class S3BlobStoreTests : BlobStoreContract
{
    internal override IBlobStore CreateStore() => new S3BlobStore(Services.S3("blob-contract"));

    [Fact]
    public async Task A_missing_bucket_is_created_on_first_write()
    {
        var bucket = "fresh-" + Guid.NewGuid().ToString("N")[..12];
        using var store = new S3BlobStore(Services.S3(bucket));

        await store.PutAsync("first/object", new MemoryStream([1]), Ct);

        Assert.Equal([1], await ReadAllAsync(store, "first/object"));
    }

    [Fact]
    public void Missing_settings_are_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new S3BlobStore(new S3Options { ServiceUrl = "http://127.0.0.1:1" }));

        Assert.Contains("AccessKey", error.Message, StringComparison.Ordinal);
    }
}
