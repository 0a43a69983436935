using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OpenAlgebra.Tests.EndToEnd;

/// <summary>
/// A dropped connection (Wi-Fi between wards, a proxy restart) must not cost the clinician the study they are reading:
/// the browser rejoins the same circuit, and the viewer is where it was and still answers.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class CircuitReconnectTests(BrowserApp app)
{
    /// <summary>A patient of its own, so this study is not one another browser test is reading.</summary>
    private const int Patient = 9;

    [Fact]
    public async Task The_viewer_keeps_its_slice_and_answers_after_the_connection_drops()
    {
        var studyId = await ChestCtSeries.IngestAsync(app.Services, Patient);
        var (page, steps) = await app.OpenAsync(nameof(The_viewer_keeps_its_slice_and_answers_after_the_connection_drops));
        // Every circuit connection passes through this route, so the test can cut the live one as a network would.
        var connections = new ConcurrentQueue<IWebSocketRoute>();
        await page.RouteWebSocketAsync(BlazorHub(), connection =>
        {
            connection.ConnectToServer();
            connections.Enqueue(connection);
        });
        await steps.RunAsync(async () =>
        {
            await BrowserApp.SignInAsync(page, BrowserApp.Clinician, BrowserApp.ClinicianPassword, steps);
            await BrowserApp.OpenInCircuitAsync(page, $"/studies/{studyId}");
            await BrowserApp.WaitForViewerInputAsync(page);
            var viewport = page.GetByTestId("viewport");
            await viewport.ClickAsync();
            await viewport.PressAsync("Home");
            for (var n = 0; n < 5; n++)
            {
                await viewport.PressAsync("ArrowDown");
            }

            await Assertions.Expect(page.GetByTestId("slice-position")).ToContainTextAsync($"Slice 6 / {ChestCtSeries.Slices}");
            var before = connections.Count;
            Assert.True(before >= 1, "the circuit's connection did not go through the route");

            await connections.Last().CloseAsync(new WebSocketRouteCloseOptions { Code = 4000, Reason = "network dropped" });

            // The browser opens a new connection and rejoins the circuit it had; a new circuit would start the viewer afresh
            // on the middle slice, and a lost one would leave the page dead behind the reconnect dialog.
            await WaitUntilAsync(() => connections.Count > before);
            await Assertions.Expect(page.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
            await steps.ShotAsync("rejoined after the drop");
            await Assertions.Expect(page.GetByTestId("slice-position")).ToContainTextAsync($"Slice 6 / {ChestCtSeries.Slices}");
            await viewport.PressAsync("ArrowDown");
            await Assertions.Expect(page.GetByTestId("slice-position")).ToContainTextAsync($"Slice 7 / {ChestCtSeries.Slices}");
            await Assertions.Expect(page.GetByTestId("slice-image")).ToHaveAttributeAsync("data-index", "6");
            await steps.ShotAsync("scrolled after rejoining");
        });
    }

    [GeneratedRegex("/_blazor")]
    private static partial Regex BlazorHub();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the browser did not open a new circuit connection within 30 s of the drop");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
