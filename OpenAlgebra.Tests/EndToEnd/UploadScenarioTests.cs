using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.EndToEnd;

/// <summary>
/// A clinician in a real browser: sign in, upload a CT series, find and open it in Studies, read it, segment it with
/// random-walker from painted seeds, sign the result off, download the mask, sign out, and every step is in the audit
/// trail; and a bad file's reason.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class UploadScenarioTests(BrowserApp app)
{
    [Fact]
    public async Task A_clinician_uploads_a_ct_series_finds_it_in_studies_opens_it_and_signs_out()
    {
        const string comment = "Right lung well delineated.";
        using var series = new Imaging.Pixels.TempFolder();
        string[] files =
        [
            .. ChestCtSeries.Write(series.Path, app.Services.GetRequiredService<IDicomCodec>()),
            Path.Combine(Services.NibabelFiles, "0.dcm"),
            Path.Combine(Services.NibabelFiles, "1.dcm"),
        ];
        await app.ActivateAsync("random-walker");
        var (page, steps) = await app.OpenAsync(nameof(A_clinician_uploads_a_ct_series_finds_it_in_studies_opens_it_and_signs_out));
        await steps.RunAsync(async () =>
        {
            await BrowserApp.SignInAsync(page, BrowserApp.Clinician, BrowserApp.ClinicianPassword, steps);
            await steps.ShotAsync("signed in");

            await page.GetByRole(AriaRole.Link, new() { Name = "Upload", Exact = true }).First.ClickAsync();
            await page.WaitForURLAsync("**/upload");
            await BrowserApp.WaitForCircuitAsync(page);
            await page.SetInputFilesAsync("#upload-files", files);
            await page.GetByTestId("patient-label").FillAsync("E2E Test Patient");
            await steps.ShotAsync("files chosen");
            var clock = Stopwatch.StartNew();
            await page.GetByTestId("start-upload").ClickAsync();
            await Assertions.Expect(page.GetByTestId("upload-overall")).ToContainTextAsync($"Finished: {files.Length} of {files.Length} files", new() { Timeout = 60_000 });
            var uploaded = clock.Elapsed;
            await steps.ShotAsync("upload results");
            var summary = page.GetByTestId("upload-summary");
            await Assertions.Expect(summary).ToContainTextAsync($"{files.Length} stored");
            await Assertions.Expect(summary).ToContainTextAsync("0 rejected");
            var pseudonyms = await page.GetByTestId("upload-study-pseudonym").AllInnerTextsAsync();
            Assert.Equal(2, pseudonyms.Count);
            var ctPseudonym = (await page.Locator("[data-testid=upload-study][data-modalities=CT]").GetByTestId("upload-study-pseudonym").InnerTextAsync()).Trim();

            // Upload finished (the page says so) → the study is listed in Studies, found by its pseudonym.
            clock.Restart();
            await page.GetByRole(AriaRole.Link, new() { Name = "Studies", Exact = true }).First.ClickAsync();
            await page.WaitForURLAsync("**/studies");
            await BrowserApp.WaitForCircuitAsync(page);
            await page.GetByTestId("study-search").FillAsync(ctPseudonym);
            var row = page.GetByTestId("study-link").Filter(new() { HasText = ctPseudonym });
            await Assertions.Expect(row).ToHaveCountAsync(1);
            var visible = clock.Elapsed;
            await Assertions.Expect(page.GetByTestId("study-link")).ToHaveCountAsync(1);
            await steps.ShotAsync("found in studies");
            Report(steps, $"upload of {files.Length} files (click to 'Finished'): {uploaded.TotalMilliseconds:F0} ms; "
                + $"upload finished → study visible in Studies search: {visible.TotalMilliseconds:F0} ms");

            await page.SetViewportSizeAsync(3840, 2160);
            await steps.ShotAsync("studies on a 4K screen");
            await page.SetViewportSizeAsync(BrowserApp.Laptop.Width, BrowserApp.Laptop.Height);

            var href = await row.GetAttributeAsync("href");
            Assert.Matches(StudyPath(), href!);
            await page.GetByRole(AriaRole.Row).Filter(new() { HasText = ctPseudonym }).GetByRole(AriaRole.Cell).Nth(2).ClickAsync();
            // The router navigates within the page (no navigation event to wait for): the study's heading shows it arrived.
            await Assertions.Expect(page.GetByTestId("study-pseudonym")).ToHaveTextAsync(ctPseudonym);
            Assert.EndsWith(href!, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
            await BrowserApp.WaitForCircuitAsync(page);
            await steps.ShotAsync("study opened");

            var viewer = new StudyViewerSteps(page, steps, app.Services);
            await viewer.ScrollAsync();
            await viewer.WindowPresetsAsync();
            await viewer.PaintSeedsAsync();
            await viewer.RunRandomWalkerAsync();
            await viewer.AcceptAsync(comment);
            await viewer.DownloadMaskAsync();
            await viewer.RevealIdentityAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await page.WaitForURLAsync("**/login?reason=signed-out", BrowserApp.LeftTheOldPage);
            await Assertions.Expect(page.GetByTestId("login-message")).ToContainTextAsync("You are signed out.");
            await steps.ShotAsync("signed out");
        });

        // Each step the clinician took is in the audit trail, read as an administrator through the API.
        var trail = await app.AuditTrailAsync(BrowserApp.Clinician);
        Assert.Contains(trail, r => r.EventType == AuditEventTypes.Login && r.Outcome == AuditOutcomes.Success);
        Assert.Contains(trail, r => r.EventId == AuditEventIds.Import);
        Assert.Contains(trail, r => r.EventId == AuditEventIds.Query && r.ObjectType == "study-list");
        Assert.Contains(trail, r => r is { EventId: AuditEventIds.DicomInstancesAccessed, Action: AuditActions.Read, ObjectType: "study", Detail: "opened in the viewer" });
        Assert.Contains(trail, r => r is { EventId: AuditEventIds.DicomInstancesAccessed, Action: AuditActions.Read, ObjectType: "series", Detail: "opened in the viewer" });
        Assert.Contains(trail, r => r is { Action: AuditActions.Create, ObjectType: "analysis" } && r.Detail!.StartsWith("random-walker", StringComparison.Ordinal));
        Assert.Contains(trail, r => r is { Action: AuditActions.Update, ObjectType: "analysis" } && r.Detail == $"review: accept — {comment}");
        Assert.Contains(trail, r => r is { EventId: AuditEventIds.Export, ObjectType: "analysis", Detail: "exported mask.nii.gz" });
        Assert.Contains(trail, r => r.EventId == AuditEventIds.PatientRecord && r.Detail!.EndsWith("reason: Check against the referral", StringComparison.Ordinal));
        Assert.Contains(trail, r => r.EventType == AuditEventTypes.Logout);
    }

    [Fact]
    public async Task A_text_file_named_dcm_is_rejected_and_the_page_says_why()
    {
        var bad = Path.Combine(Directory.CreateTempSubdirectory("openalgebra-e2e-").FullName, "referral-letter.dcm");
        await File.WriteAllTextAsync(bad, "Dear colleague, please see the attached scan.\n", TestContext.Current.CancellationToken);
        var (page, steps) = await app.OpenAsync(nameof(A_text_file_named_dcm_is_rejected_and_the_page_says_why));
        await steps.RunAsync(async () =>
        {
            await BrowserApp.SignInAsync(page, BrowserApp.Clinician, BrowserApp.ClinicianPassword, steps);
            await BrowserApp.OpenInCircuitAsync(page, "/upload");
            await page.SetInputFilesAsync("#upload-files", bad);
            await page.GetByTestId("start-upload").ClickAsync();

            await Assertions.Expect(page.GetByTestId("upload-overall")).ToContainTextAsync("Finished: 1 of 1 files");
            await Assertions.Expect(page.GetByTestId("upload-status")).ToHaveTextAsync("Rejected");
            await Assertions.Expect(page.GetByTestId("upload-reason")).ToHaveTextAsync("not a DICOM or NIfTI file");
            await steps.ShotAsync("rejected with its reason");
        });
        Directory.Delete(Path.GetDirectoryName(bad)!, recursive: true);
    }

    private static void Report(Steps steps, string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        File.AppendAllText(Path.Combine(steps.Folder, "timings.txt"), string.Create(CultureInfo.InvariantCulture, $"{line}\n"));
        Console.WriteLine(line);
    }

    [GeneratedRegex("^/studies/[0-9a-f]{32}$")]
    private static partial Regex StudyPath();
}
