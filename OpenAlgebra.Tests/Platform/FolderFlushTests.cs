using OpenAlgebra.Modules.Platform.Blobs;

namespace OpenAlgebra.Tests.Platform;

/// <summary>The folder flush behind durable renames: callers that arrive together share flushes, and a folder that cannot be flushed is an error.</summary>
public sealed class FolderFlushTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("openalgebra-flush-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Callers_that_arrive_together_all_return_once_flushed()
    {
        using var flush = new FolderFlush(_root);

        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => flush.FlushAsync(Ct), Ct)));
    }

    [Fact]
    public async Task A_folder_that_is_gone_cannot_be_flushed_and_the_error_names_it()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows needs no folder flush.");
        var gone = Path.Combine(_root, "gone");
        using var flush = new FolderFlush(gone);

        var error = await Assert.ThrowsAsync<IOException>(() => flush.FlushAsync(Ct));

        Assert.Contains(gone, error.Message, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => FolderFlush.FlushNow(gone));
    }
}
