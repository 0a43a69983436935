using OpenAlgebra.Web.Cli;

namespace OpenAlgebra.Tests.Cli;

public sealed class BenchCommandTests
{
    [Fact]
    public async Task Bench_dicom_reports_each_operation()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AdminCommands.RunAsync(["bench", "dicom", "--runs", "5"], new StringReader(""), output, error);

        Assert.Equal(0, exit);
        Assert.Contains("synthetic 512×512 16-bit CT instance", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("parse + write", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("median", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_volume_builds_the_series_and_reports_its_geometry()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AdminCommands.RunAsync(["bench", "volume", "--runs", "1", "--slices", "4"], new StringReader(""), output, error);

        Assert.Equal(0, exit);
        Assert.Contains("4 files → volume", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("volume 512×512×4, spacing (0.9765625, 0.9765625, 1), warnings: none", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_search_indexes_studies_and_reports_the_p95_of_each_search()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AdminCommands.RunAsync(["bench", "search", "--runs", "3", "--studies", "50"], new StringReader(""), output, error);

        Assert.Equal(0, exit);
        Assert.Contains("50 studies indexed", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(7, output.ToString().Split('\n').Count(l => l.Contains("p95", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Bench_render_times_each_plane_as_8_bit_levels_and_as_PNG()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AdminCommands.RunAsync(["bench", "render", "--runs", "3", "--slices", "6"], new StringReader(""), output, error);

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("synthetic CT volume 512×512×6", text, StringComparison.Ordinal);
        foreach (var line in new[] { "axial 512×512 → 8-bit", "axial 512×512 → PNG", "coronal 512×6 → 8-bit", "sagittal 512×6 → PNG" })
        {
            Assert.Contains(line, text, StringComparison.Ordinal);
        }

        Assert.Contains("median", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_ingest_uploads_through_the_api_and_reports_the_rate()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AdminCommands.RunAsync(["bench", "ingest", "--instances", "6", "--concurrency", "2"], new StringReader(""), output, error);

        Assert.True(exit == 0, error.ToString());
        Assert.Matches(@"OpenAlgebra POST /api/studies \(de-identify \+ encrypt\)\s+[0-9.]+ instances/s", output.ToString());
    }

    [Fact]
    public async Task Bench_analysis_times_random_walker_against_scikit_image_and_lung_ct()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AdminCommands.RunAsync(
            ["bench", "analysis", "--runs", "1", "--walker-size", "16", "--skimage-runs", "1", "--large-walker-size", "0", "--solver", "cg_j", "--lung-slices", "16"],
            new StringReader(""), output, error);

        Assert.True(exit == 0, error.ToString());
        var text = output.ToString();
        Assert.Matches(@"random-walker [0-9.]+ 16³ \(cg_j\)\s+median", text);
        Assert.Matches(@"label 1: [0-9]+ iterations", text);
        Assert.Contains("scikit-image", text, StringComparison.Ordinal);
        Assert.Matches(@"lung-ct [0-9.]+ 512×512×16\s+median", text);
        Assert.Contains("lung-ct found 2 lungs", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_analysis_refuses_an_unknown_solver_by_name()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AdminCommands.RunAsync(
            ["bench", "analysis", "--runs", "1", "--walker-size", "16", "--skimage-runs", "0", "--large-walker-size", "0", "--solver", "lu", "--lung-slices", "0"],
            new StringReader(""), output, error);

        Assert.Equal(1, exit);
        Assert.Contains("'solver'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_refuses_a_file_that_is_not_DICOM()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "not dicom at all", TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AdminCommands.RunAsync(["bench", "dicom", "--runs", "5", "--file", path], new StringReader(""), output, error);

        File.Delete(path);
        Assert.Equal(1, exit);
        Assert.StartsWith("error:", error.ToString().Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
    }
}
