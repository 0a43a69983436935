using OpenAlgebra.Modules.Platform.Blobs;

namespace OpenAlgebra.Tests.Platform;

public sealed class FileSystemBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("openalgebra-blobs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    internal override IBlobStore CreateStore() => new FileSystemBlobStore(_root);

    [Fact]
    public async Task A_failed_write_leaves_the_previous_object_and_no_partial_file()
    {
        var store = new FileSystemBlobStore(_root);
        await store.PutAsync("x/object", new MemoryStream([9, 9]), Ct);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("x/object", new FailingStream(), Ct));

        Assert.Equal([9, 9], await ReadAllAsync(store, "x/object"));
        Assert.Single(Directory.GetFiles(Path.Combine(_root, "x")));
    }

    [Fact]
    public async Task The_probe_fails_where_the_root_is_a_file()
    {
        var file = Path.Combine(_root, "not-a-directory");
        await File.WriteAllTextAsync(file, "x", Ct);

        await Assert.ThrowsAnyAsync<IOException>(() => new FileSystemBlobStore(file).ProbeAsync(Ct));
    }

    private sealed class FailingStream : MemoryStream
    {
        public FailingStream() : base([1, 2, 3]) { }

        public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken) =>
            throw new IOException("connection reset mid-upload");
    }
}
