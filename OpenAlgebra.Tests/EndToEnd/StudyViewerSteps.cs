using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenAlgebra.Modules.Imaging.Nifti;

namespace OpenAlgebra.Tests.EndToEnd;

/// <summary>
/// The study page's part of the clinician's scenario, on the chest series of <see cref="ChestCtSeries"/>: scroll (and
/// time 100 slices), a window preset, seeds, random-walker with its progress and overlay, review, the mask download and
/// the reveal of the identity, each step screenshotted.
/// </summary>
internal sealed class StudyViewerSteps(IPage page, Steps steps, IServiceProvider app)
{
    /// <summary>Records, in the page, when each ↓ was pressed and when each slice image finished loading.</summary>
    private const string LatencyProbe = """
        window.__oaLatency = { presses: [], loads: [] };
        document.addEventListener('keydown', e => { if (e.key === 'ArrowDown') window.__oaLatency.presses.push(performance.now()); }, true);
        document.addEventListener('load', e => {
            const t = e.target;
            if (t.dataset && t.dataset.role === 'slice') window.__oaLatency.loads.push({ at: performance.now(), index: Number(t.dataset.index) });
        }, true);
        """;

    private ILocator Viewport => page.GetByTestId("viewport");

    private ILocator Slice => page.GetByTestId("slice-image");

    /// <summary>Home, then ↓ a hundred times, each press waited out until the new slice has loaded; prints median and p95.</summary>
    public async Task ScrollAsync()
    {
        await Assertions.Expect(Slice).ToHaveAttributeAsync("data-index", (ChestCtSeries.Slices / 2).ToString(CultureInfo.InvariantCulture));
        await steps.ShotAsync("viewer opened");
        await BrowserApp.WaitForViewerInputAsync(page);
        await Viewport.ClickAsync();
        await Viewport.PressAsync("Home");
        await Assertions.Expect(Slice).ToHaveAttributeAsync("data-index", "0");
        await Assertions.Expect(page.GetByTestId("slice-position")).ToContainTextAsync("Slice 1 / 104");
        await page.EvaluateAsync(LatencyProbe);
        for (var n = 1; n <= 100; n++)
        {
            await Viewport.PressAsync("ArrowDown");
            await page.WaitForFunctionAsync(
                "i => { const img = document.querySelector('[data-role=slice]'); return img.dataset.index == i && img.complete && window.__oaLatency.loads.some(l => l.index === i); }",
                n);
        }

        var probe = await page.EvaluateAsync<JsonElement>("window.__oaLatency");
        var presses = probe.GetProperty("presses").EnumerateArray().Select(p => p.GetDouble()).ToList();
        var loads = probe.GetProperty("loads").EnumerateArray().Select(l => (At: l.GetProperty("at").GetDouble(), Index: l.GetProperty("index").GetInt32())).ToList();
        Assert.Equal(100, presses.Count);
        var latencies = Enumerable.Range(1, 100).Select(i => loads.First(l => l.Index == i).At - presses[i - 1]).Order().ToList();
        Report(string.Create(CultureInfo.InvariantCulture,
            $"slice-to-slice latency over 100 slices (↓ pressed → new slice image loaded): median {latencies[49]:F1} ms, p95 {latencies[94]:F1} ms, max {latencies[^1]:F1} ms"));
        await Assertions.Expect(page.GetByTestId("slice-position")).ToContainTextAsync("Slice 101 / 104");
        await steps.ShotAsync("scrolled 100 slices");

        await Viewport.PressAsync("End");
        await Assertions.Expect(Slice).ToHaveAttributeAsync("data-index", "103");
        await page.GetByTestId("slice-slider").FillAsync((ChestCtSeries.Slices / 2).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(Slice).ToHaveAttributeAsync("data-index", (ChestCtSeries.Slices / 2).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The lung preset by its key, then brain by its button; the window shown follows.</summary>
    public async Task WindowPresetsAsync()
    {
        await Assertions.Expect(page.GetByTestId("window-level")).ToContainTextAsync("W 400 L 40 (Auto)");
        await Viewport.PressAsync("2");
        await Assertions.Expect(Slice).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("window=lung"));
        await Assertions.Expect(page.GetByTestId("window-level")).ToContainTextAsync("W 1500 L -600 (Lung)");
        await WaitForSliceAsync();
        await steps.ShotAsync("lung window");
    }

    /// <summary>Foreground in the right lung, background in the heart and in the air in front of the chest.</summary>
    public async Task PaintSeedsAsync()
    {
        await page.GetByTestId("tool-paint").ClickAsync();
        await Assertions.Expect(page.GetByTestId("seed-tools")).ToBeVisibleAsync();
        await StrokeAsync(ChestCtSeries.RightLung, (0, 0.08));
        await page.GetByTestId("seed-background").ClickAsync();
        await StrokeAsync(ChestCtSeries.Heart, (0.05, 0.03));
        await StrokeAsync(ChestCtSeries.AirInFront, (0.2, 0));
        await Assertions.Expect(page.GetByTestId("seed-summary")).Not.ToContainTextAsync(" 0 foreground");
        await Assertions.Expect(page.GetByTestId("seed-summary")).Not.ToContainTextAsync(" 0 background");
        await steps.ShotAsync("seeds painted");
    }

    /// <summary>random-walker with a β of 3000 (set in its form: 3 mm voxels make the default too weak an edge for lung against tissue), its progress, then its overlay.</summary>
    public async Task RunRandomWalkerAsync()
    {
        var form = page.GetByTestId("run-analysis");
        await Assertions.Expect(form.GetByTestId("engine-select")).ToContainTextAsync("random-walker");
        await SetFieldAsync(form.GetByLabel("beta"), "3000");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await form.GetByTestId("run-button").ClickAsync();

        var detail = page.GetByTestId("analysis-detail");
        await Assertions.Expect(detail.GetByTestId("analysis-progress")).ToBeVisibleAsync();
        await steps.ShotAsync("analysis running");
        await Assertions.Expect(detail).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 240_000 });
        Report(string.Create(CultureInfo.InvariantCulture, $"random-walker on {ChestCtSeries.Size}×{ChestCtSeries.Size}×{ChestCtSeries.Slices} (run clicked → succeeded shown): {clock.Elapsed.TotalSeconds:F1} s"));
        var overlay = page.GetByTestId("overlay-image");
        await Assertions.Expect(overlay).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const o = document.querySelector('[data-role=overlay]'); return o && o.complete && o.naturalWidth > 0; }");
        await Assertions.Expect(page.GetByTestId("metrics")).ToContainTextAsync("volumeMl");
        await steps.ShotAsync("overlay shown");

        await page.GetByTestId("overlay-opacity").FillAsync("80");
        await Assertions.Expect(overlay).ToHaveAttributeAsync("style", "opacity: 0.8");
        await page.SetViewportSizeAsync(3840, 2160);
        await steps.ShotAsync("overlay on a 4K screen");
        await page.SetViewportSizeAsync(BrowserApp.Laptop.Width, BrowserApp.Laptop.Height);
    }

    public async Task AcceptAsync(string comment)
    {
        await page.GetByLabel("Review comment").FillAsync(comment);
        await page.GetByTestId("review-accept").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-decision")).ToContainTextAsync($"Accepted by {BrowserApp.Clinician}");
        await Assertions.Expect(page.GetByTestId("review-decision")).ToContainTextAsync(comment);
        await steps.ShotAsync("accepted");
    }

    /// <summary>Downloads the mask and reads it back: a NIfTI label volume on the series' grid; the walker's probabilities are offered too.</summary>
    public async Task DownloadMaskAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-mask.nii.gz").ClickAsync());
        var path = Path.Combine(steps.Folder, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        await using var file = File.OpenRead(path);
        var mask = app.GetRequiredService<INiftiCodec>().Read(file);
        Assert.Equal((ChestCtSeries.Size, ChestCtSeries.Size, ChestCtSeries.Slices), (mask.SizeX, mask.SizeY, mask.SizeZ));
        Assert.Contains(1f, mask.Voxels);
        await Assertions.Expect(page.GetByTestId("download-probabilities.nii.gz")).ToBeVisibleAsync();
        await steps.ShotAsync("mask downloaded");
    }

    /// <summary>The identity behind the pseudonym, for a reason; what the uploaded files named.</summary>
    public async Task RevealIdentityAsync()
    {
        await page.GetByTestId("reveal-open").ClickAsync();
        await page.GetByLabel("Reason").FillAsync("Check against the referral");
        await page.GetByTestId("reveal-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reveal-result")).ToContainTextAsync(ChestCtSeries.PatientName);
        await Assertions.Expect(page.GetByTestId("reveal-result")).ToContainTextAsync(ChestCtSeries.PatientId);
        await steps.ShotAsync("identity revealed");
        await page.GetByTestId("reveal-close").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reveal-result")).ToHaveCountAsync(0);
    }

    /// <summary>A mouse drag from <paramref name="start"/> by <paramref name="extent"/>, both as fractions of the slice image.</summary>
    private async Task StrokeAsync((double X, double Y) start, (double X, double Y) extent)
    {
        var box = (await Slice.BoundingBoxAsync())!;
        double X(double f) => box.X + (f * box.Width);
        double Y(double f) => box.Y + (f * box.Height);
        await page.Mouse.MoveAsync((float)X(start.X), (float)Y(start.Y));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)X(start.X + extent.X), (float)Y(start.Y + extent.Y), new() { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    private static async Task SetFieldAsync(ILocator field, string value)
    {
        await field.FillAsync(value);
        await field.PressAsync("Tab");
        await Assertions.Expect(field).ToHaveValueAsync(value);
    }

    private async Task WaitForSliceAsync() =>
        await page.WaitForFunctionAsync("() => { const img = document.querySelector('[data-role=slice]'); return img.complete && img.naturalWidth > 0; }");

    private void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        File.AppendAllText(Path.Combine(steps.Folder, "timings.txt"), line + "\n");
        Console.WriteLine(line);
    }
}
