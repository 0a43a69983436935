using OpenAlgebra.Modules.Imaging.Ingest;

namespace OpenAlgebra.Tests.Imaging.Ingest;

/// <summary>Spool files are emptied and reused instead of deleted, so uploads do not leave a trail of freed inodes.</summary>
public sealed class SpareSpoolFilesTests
{
    private static readonly byte[] First = "first upload, identified"u8.ToArray();
    private static readonly byte[] Second = [7];

    [Fact]
    public async Task A_finished_upload_s_files_wait_emptied_and_the_next_upload_writes_into_them()
    {
        using var harness = new SpoolerHarness();
        using (await harness.SpoolAsync(new MultipartBody().File("a.dcm", First).File("b.dcm", First)))
        {
            Assert.Empty(harness.SpareFiles);
        }

        Assert.Equal(2, harness.SpareFiles.Count);
        Assert.All(harness.SpareFiles, f => Assert.Equal(0, new FileInfo(f).Length));
        Assert.Empty(harness.LeftOver);

        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("c.dcm", Second));
        using (upload)
        {
            var file = Assert.IsType<UploadedFile>(Assert.Single(items));
            Assert.Single(harness.SpareFiles);
            Assert.Equal(Second, await File.ReadAllBytesAsync(file.Path, TestContext.Current.CancellationToken));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path));
            }
        }
    }

    [Fact]
    public async Task Beyond_the_spares_that_may_wait_files_are_deleted()
    {
        using var harness = new SpoolerHarness();
        var body = new MultipartBody();
        for (var i = 0; i <= SpareSpoolFiles.Capacity; i++)
        {
            body.File($"{i}.dcm", Second);
        }

        using (await harness.SpoolAsync(body))
        {
            Assert.Equal(SpareSpoolFiles.Capacity + 1, harness.TempFiles.Count);
        }

        Assert.Equal(SpareSpoolFiles.Capacity, harness.SpareFiles.Count);
        Assert.Empty(harness.LeftOver);
    }

    [Fact]
    public async Task A_spare_removed_by_another_instance_s_sweep_is_skipped()
    {
        using var harness = new SpoolerHarness();
        using (await harness.SpoolAsync(new MultipartBody().File("a.dcm", First)))
        {
        }

        File.Delete(Assert.Single(harness.SpareFiles));
        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("b.dcm", Second));
        using (upload)
        {
            Assert.Equal(Second, await File.ReadAllBytesAsync(Assert.IsType<UploadedFile>(Assert.Single(items)).Path, TestContext.Current.CancellationToken));
        }
    }
}
