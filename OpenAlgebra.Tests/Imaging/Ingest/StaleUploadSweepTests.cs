using OpenAlgebra.Modules.Imaging.Ingest;

namespace OpenAlgebra.Tests.Imaging.Ingest;

public sealed class StaleUploadSweepTests
{
    [Fact]
    public async Task The_start_up_sweep_deletes_only_what_has_not_been_written_for_an_hour()
    {
        using var harness = new SpoolerHarness();
        var live = await harness.SpoolAsync(new MultipartBody().File("live.dcm", [1, 2, 3]));
        var root = harness.Spooler.TempRoot;
        var crashed = Directory.CreateDirectory(Path.Combine(root, "crashed-upload"));
        var old = Path.Combine(crashed.FullName, "00001.part");
        File.WriteAllBytes(old, [1]);
        var stray = Path.Combine(root, "stray.part");
        File.WriteAllBytes(stray, [1]);
        var twoHoursAgo = DateTime.UtcNow.AddHours(-2);
        File.SetLastWriteTimeUtc(old, twoHoursAgo);
        File.SetLastWriteTimeUtc(stray, twoHoursAgo);
        Directory.SetLastWriteTimeUtc(crashed.FullName, twoHoursAgo);
        // A folder whose own time is old but which holds a fresh file is still being written.
        var busy = Directory.CreateDirectory(Path.Combine(root, "busy-upload"));
        File.WriteAllBytes(Path.Combine(busy.FullName, "00001.part"), [1]);
        Directory.SetLastWriteTimeUtc(busy.FullName, twoHoursAgo);

        Assert.Equal(2, harness.Spooler.DeleteStaleFiles());

        Assert.False(Directory.Exists(crashed.FullName));
        Assert.False(File.Exists(stray));
        Assert.True(Directory.Exists(busy.FullName));
        using (live)
        {
            Assert.Equal(2, harness.TempFiles.Count);
        }
    }

    [Fact]
    public async Task A_server_alone_on_its_data_directory_deletes_at_once_what_was_written_before_it_started()
    {
        using var harness = new SpoolerHarness();
        var crashed = Directory.CreateDirectory(Path.Combine(harness.Spooler.TempRoot, "killed-upload"));
        var left = Path.Combine(crashed.FullName, "00001.part");
        File.WriteAllBytes(left, [1]);
        File.SetLastWriteTimeUtc(left, DateTime.UtcNow.AddMinutes(-1));
        Directory.SetLastWriteTimeUtc(crashed.FullName, DateTime.UtcNow.AddMinutes(-1));
        harness.Lease.Acquire();
        // File times come from the kernel's coarse clock (a tick, up to 10 ms behind): write the live upload past it.
        await Task.Delay(50, TestContext.Current.CancellationToken);
        using var live = await harness.SpoolAsync(new MultipartBody().File("live.dcm", [1, 2, 3]));

        Assert.Equal(1, harness.Spooler.DeleteStaleFiles());

        Assert.False(Directory.Exists(crashed.FullName));
        Assert.Single(harness.TempFiles);
    }

    [Fact]
    public void A_missing_temp_folder_is_nothing_to_sweep()
    {
        using var harness = new SpoolerHarness();
        Assert.Equal(0, harness.Spooler.DeleteStaleFiles());
    }
}
