using System.Globalization;
using Microsoft.Playwright;

namespace OpenAlgebra.Tests.EndToEnd;

/// <summary>
/// What one more open viewer costs the server: the app runs in this process, so its managed heap is measured after
/// the series is cached, then again with more browser tabs each holding a circuit with the viewer open. Printed, not
/// asserted: it is an estimate for capacity planning, and the heap is the whole test process's, so the number is clean
/// when this test runs alone (<c>--filter FullyQualifiedName~ViewerMemoryTests</c>).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ViewerMemoryTests(BrowserApp app)
{
    private const int Viewers = 10;

    [Fact]
    public async Task Each_open_viewer_holds_its_circuit_and_the_heap_it_adds_is_printed()
    {
        var studyId = await ChestCtSeries.IngestAsync(app.Services, ChestCtSeries.OtherPatient);
        var (page, steps) = await app.OpenAsync(nameof(Each_open_viewer_holds_its_circuit_and_the_heap_it_adds_is_printed));
        await steps.RunAsync(async () =>
        {
            await BrowserApp.SignInAsync(page, BrowserApp.Clinician, BrowserApp.ClinicianPassword, steps);
            // The first viewer decodes the series into the shared volume cache; what follows is per viewer.
            await OpenViewerAsync(page, studyId);
            var before = Heap();

            var tabs = new List<IPage>();
            for (var n = 0; n < Viewers; n++)
            {
                var tab = await page.Context.NewPageAsync();
                await OpenViewerAsync(tab, studyId);
                tabs.Add(tab);
            }

            var after = Heap();
            await steps.ShotAsync("last of the viewers");
            var line = string.Create(CultureInfo.InvariantCulture,
                $"managed heap per open viewer (circuit, components, viewer state; series cached once): {(after - before) / (double)Viewers / 1024:F0} KiB over {Viewers} viewers ({before / 1048576.0:F1} → {after / 1048576.0:F1} MiB)");
            TestContext.Current.TestOutputHelper?.WriteLine(line);
            Console.WriteLine(line);
            await File.AppendAllTextAsync(Path.Combine(steps.Folder, "memory.txt"), line + "\n");
            foreach (var tab in tabs)
            {
                await tab.CloseAsync();
            }
        });
    }

    private static async Task OpenViewerAsync(IPage page, string studyId)
    {
        await BrowserApp.OpenInCircuitAsync(page, $"/studies/{studyId}");
        await page.WaitForFunctionAsync("() => { const img = document.querySelector('[data-role=slice]'); return img && img.complete && img.naturalWidth > 0; }");
        await Assertions.Expect(page.GetByTestId("slice-position")).ToContainTextAsync($"Slice {(ChestCtSeries.Slices / 2) + 1} / {ChestCtSeries.Slices}");
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
