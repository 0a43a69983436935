using OpenAlgebra.Modules.Platform.Blobs;

namespace OpenAlgebra.Tests.Platform;

public sealed class FileSystemBlobStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("openalgebra-blobs-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Objects_round_trip_list_and_delete()
    {
        var store = new FileSystemBlobStore(_root);
        await store.PutAsync("studies/a/1.bin", new MemoryStream([1, 2, 3]), Ct);
        await store.PutAsync("studies/b/2.bin", new MemoryStream([4]), Ct);

        await using (var read = await store.OpenReadAsync("studies/a/1.bin", Ct))
        {
            var copy = new MemoryStream();
            await read!.CopyToAsync(copy, Ct);
            Assert.Equal([1, 2, 3], copy.ToArray());
        }

        var keys = new List<string>();
        await foreach (var key in store.ListAsync("studies/a/", Ct))
        {
            keys.Add(key);
        }

        Assert.Equal(["studies/a/1.bin"], keys);
        Assert.True(await store.DeleteAsync("studies/a/1.bin", Ct));
        Assert.False(await store.DeleteAsync("studies/a/1.bin", Ct));
        Assert.Null(await store.OpenReadAsync("studies/a/1.bin", Ct));
    }

    [Fact]
    public async Task A_failed_write_leaves_the_previous_object_and_no_partial_file()
    {
        var store = new FileSystemBlobStore(_root);
        await store.PutAsync("x/object", new MemoryStream([9, 9]), Ct);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("x/object", new FailingStream(), Ct));

        await using var read = await store.OpenReadAsync("x/object", Ct);
        Assert.Equal(2, read!.Length);
        Assert.Single(Directory.GetFiles(Path.Combine(_root, "x")));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a//b")]
    [InlineData("Upper/case")]
    [InlineData("/absolute")]
    [InlineData("a/./b")]
    [InlineData("")]
    public async Task Keys_that_could_escape_the_root_or_collide_are_refused(string key)
    {
        var store = new FileSystemBlobStore(_root);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, new MemoryStream([1]), Ct));

        Assert.Contains("Blob key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_probe_passes_on_a_writable_directory_and_fails_on_a_file()
    {
        await new FileSystemBlobStore(_root).ProbeAsync(Ct);

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
