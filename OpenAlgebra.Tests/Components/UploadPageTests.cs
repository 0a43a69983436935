using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Imaging.Ingest;
using OpenAlgebra.Web.Components.Pages;
using OpenAlgebra.Web.Components.Session;

namespace OpenAlgebra.Tests.Components;

/// <summary>The upload page over the real ingest pipeline: per-file results and reasons, the studies it made, its audit and its limits.</summary>
public sealed class UploadPageTests : IAsyncLifetime
{
    private static readonly byte[] Text = "Referral letter, not an image.\n"u8.ToArray();
    private static readonly string[] Samples = ["CT_small.dcm", "MR_small.dcm"];
    private PageHarness _harness = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await PageHarness.CreateAsync("dr.upload", ["Clinician"]);

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task Each_file_shows_what_became_of_it_and_the_study_opens_from_the_page()
    {
        var ct = File.ReadAllBytes(DicomSamples.File("CT_small.dcm"));
        var mr = File.ReadAllBytes(DicomSamples.File("MR_small.dcm"));
        var page = RenderPage();

        page.FindComponents<InputFile>()[0].UploadFiles(
            InputFileContent.CreateFromBinary(ct, "CT_small.dcm"),
            InputFileContent.CreateFromBinary(Text, "letter.dcm"),
            InputFileContent.CreateFromBinary(TestZips.Create(("a/MR_small.dcm", mr), ("a/notes.txt", Text)), "series.zip"));
        Assert.Contains("3 files chosen", page.Find("[data-testid=upload-chosen]").TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=start-upload]").Click();

        page.WaitForAssertion(() => Assert.Contains("Finished: 3 of 3 files", page.Find("[data-testid=upload-overall]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));
        var rows = page.FindAll("[data-testid=upload-row]");
        Assert.Equal(["Stored", "Rejected", "1 stored · 1 rejected"], rows.Select(r => r.QuerySelector("[data-testid=upload-status]")!.TextContent.Trim()));
        Assert.Equal("not a DICOM or NIfTI file", rows[1].QuerySelector("[data-testid=upload-reason]")!.TextContent.Trim());
        Assert.Equal("series.zip/a/notes.txt: not a DICOM or NIfTI file", rows[2].QuerySelector("[data-testid=upload-reason]")!.TextContent.Trim());

        var studies = await _harness.Database.Get<IStudyIndex>().SearchAsync(new StudySearch(), Ct);
        Assert.Equal(2, studies.Total);
        var links = page.FindAll("[data-testid=upload-studies] a").Select(a => a.GetAttribute("href")).Order().ToList();
        Assert.Equal(studies.Items.Select(s => $"/studies/{s.Id}").Order(), links);

        var imports = await _harness.Database.Get<IAuditTrail>().QueryAsync(new AuditQuery(UserName: "dr.upload", EventId: AuditEventIds.Import),
            AuditActor.System, Ct);
        Assert.Equal(2, imports.Total);
        Assert.All(imports.Items, i => Assert.Equal("10.20.30.40", i.SourceIp));
    }

    [Fact]
    public async Task A_second_upload_of_the_same_file_is_matched_not_stored_again()
    {
        var ct = File.ReadAllBytes(DicomSamples.File("CT_small.dcm"));
        for (var round = 0; round < 2; round++)
        {
            var page = RenderPage();
            page.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromBinary(ct, "CT_small.dcm"));
            page.Find("[data-testid=start-upload]").Click();
            page.WaitForAssertion(() => Assert.Contains("Finished", page.Find("[data-testid=upload-overall]").TextContent, StringComparison.Ordinal),
                TimeSpan.FromSeconds(30));
            Assert.Equal(round == 0 ? "Stored" : "Already stored", page.Find("[data-testid=upload-status]").TextContent.Trim());
        }

        Assert.Equal(1, await _harness.Database.ScalarAsync<long>("SELECT COUNT(*) FROM instances"));
    }

    [Fact]
    public void A_folder_from_the_folder_picker_uploads_every_file_in_it()
    {
        var page = RenderPage();
        var files = Samples.Select(n => InputFileContent.CreateFromBinary(File.ReadAllBytes(DicomSamples.File(n)), n)).ToArray();

        var folder = page.FindComponents<InputFile>()[1];
        Assert.True(folder.Instance.AdditionalAttributes!.ContainsKey("webkitdirectory"));
        folder.UploadFiles(files);
        page.Find("[data-testid=start-upload]").Click();

        page.WaitForAssertion(() => Assert.Contains("Finished: 2 of 2 files", page.Find("[data-testid=upload-overall]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));
        Assert.All(page.FindAll("[data-testid=upload-status]"), s => Assert.Equal("Stored", s.TextContent.Trim()));
    }

    [Fact]
    public async Task Choosing_more_files_than_an_upload_takes_says_so_and_names_the_key()
    {
        await _harness.DisposeAsync();
        _harness = await PageHarness.CreateAsync("dr.upload", ["Clinician"], new() { ["OpenAlgebra:Upload:MaxFiles"] = "2" });
        var page = RenderPage();

        page.FindComponents<InputFile>()[0].UploadFiles(Enumerable.Range(1, 3).Select(i => InputFileContent.CreateFromBinary(Text, $"{i}.dcm")).ToArray());

        Assert.Equal("3 files were chosen; one upload takes at most 2 (OpenAlgebra:Upload:MaxFiles). Upload them in parts.",
            page.Find("[data-testid=upload-error]").TextContent.Trim());
        Assert.True(page.Find("[data-testid=start-upload]").HasAttribute("disabled"));
    }

    private IRenderedComponent<Upload> RenderPage() =>
        _harness.Context.Render<Upload>(p => p.AddCascadingValue(new ClientAddress("10.20.30.40")));
}
