using System.Reflection;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Inference.Analyses;
using OpenAlgebra.Tests.Inference;
using OpenAlgebra.Web.Components.Pages;
using OpenAlgebra.Web.Components.Session;
using OpenAlgebra.Web.Components.Viewer;

namespace OpenAlgebra.Tests.Components.Viewer;

/// <summary>
/// The study page over the app's real services (test engines, Hangfire in memory): series, viewer, seeds painted and run,
/// progress followed without reloading, the overlay, review, downloads, reveal; and what a user without the clinician
/// role is offered.
/// </summary>
public sealed class StudyPageTests : AnalysisAppTest
{
    [Fact]
    public async Task A_clinician_paints_seeds_runs_the_seeded_engine_sees_the_overlay_and_accepts_it()
    {
        var (studyId, seriesId) = await StudyAsync();
        await ActivateAsync("test-seeds");
        await using var context = NewContext("dr.page", "Clinician");

        var page = RenderStudy(context, studyId);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=run-button]")));
        Assert.Equal(seriesId, page.Find("[data-testid=series-item]").GetAttribute("data-series-id"));
        Assert.Contains("test-seeds", page.Find("[data-testid=engine-select]").TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=run-button]").HasAttribute("disabled"));

        var viewer = page.FindComponent<ImageViewer>();
        page.Find("[data-testid=tool-paint]").Click();
        await viewer.InvokeAsync(() => viewer.Instance.OnStroke([5.5, 4.5]));
        page.Find("[data-testid=seed-background]").Click();
        await viewer.InvokeAsync(() => viewer.Instance.OnStroke([0.5, 0.5]));
        page.WaitForAssertion(() => Assert.Contains("13 foreground, 6 background", page.Find("[data-testid=seed-summary]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=run-button]").Click();

        page.WaitForAssertion(() => Assert.Equal("Succeeded", page.Find("[data-testid=analysis-detail]").GetAttribute("data-state")), TimeSpan.FromSeconds(30));
        var analysis = Assert.Single(await App.Services.GetRequiredService<IAnalysisService>().ListAsync(new AnalysisQuery(seriesId), Ct));
        // The background label covers what the walker did not give the object: it starts hidden.
        Assert.Equal($"/api/analyses/{analysis.Id}/overlay/4.png?plane=axial&hide=2", page.Find("[data-testid=overlay-image]").GetAttribute("src"));
        Assert.Equal(13, analysis.Seeds["1"]!.AsArray().Count);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=metrics]")));
        Assert.Equal(
            ["mask.nii.gz", "seg.dcm", "metrics.json", "metrics.csv"],
            page.FindAll("[data-testid^=download-]").Select(a => a.GetAttribute("href")!.Split('/')[^1]));
        page.Find("[data-testid=overlay-opacity]").Input("75");
        Assert.Equal("opacity: 0.75", page.Find("[data-testid=overlay-image]").GetAttribute("style"));

        page.Find("[data-testid=review-form] textarea").Change("Box outlined.");
        page.Find("[data-testid=review-accept]").Click();
        page.WaitForAssertion(() => Assert.Contains("Accepted by dr.page", page.Find("[data-testid=review-decision]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=review-form]"));
        var trail = await App.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(UserName: "dr.page"), AuditActor.System, Ct);
        var rows = trail.Items.OrderBy(r => r.Sequence).Select(r => (r.Action, r.Detail, r.SourceIp));
        Assert.Equal<(string, string?, string?)>(
        [
            (AuditActions.Read, "opened in the viewer", "10.2.3.4"),
            (AuditActions.Read, "opened in the viewer", "10.2.3.4"),
            (AuditActions.Create, $"test-seeds 1.0.0 on series {seriesId} queued", "10.2.3.4"),
            (AuditActions.Update, "review: accept — Box outlined.", "10.2.3.4"),
        ], rows);
    }

    [Fact]
    public async Task Progress_is_followed_without_reloading_until_the_result_is_shown()
    {
        var (studyId, seriesId) = await StudyAsync();
        await ActivateAsync("test-wait");
        var analysis = await App.Services.GetRequiredService<IAnalysisService>().SubmitAsync(
            new AnalysisSubmission(seriesId, "test-wait", null, null, null, AuditActor.System), Ct);
        await Waiting.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await using var context = NewContext("dr.page", "Clinician");

        var page = RenderStudy(context, studyId, analysis.Id);
        page.WaitForAssertion(() => Assert.Contains("10 % · waiting to be released", page.Find("[data-testid=analysis-message]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));
        Assert.NotNull(page.Find("[data-testid=cancel-analysis]"));
        Assert.Empty(page.FindAll("[data-testid=overlay-image]"));
        Waiting.Release();

        page.WaitForAssertion(() => Assert.Equal("Succeeded", page.Find("[data-testid=analysis-detail]").GetAttribute("data-state")), TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() => Assert.Contains($"/api/analyses/{analysis.Id}/overlay/", page.Find("[data-testid=overlay-image]").GetAttribute("src"), StringComparison.Ordinal));
        Assert.Equal("Succeeded", page.Find("[data-testid=analysis-row]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task Revealing_the_identity_needs_a_reason_and_shows_what_the_files_named()
    {
        var (studyId, _) = await StudyAsync();
        await using var context = NewContext("dr.page", "Clinician");
        var dialogs = context.Render<MudBlazor.MudDialogProvider>();
        var page = RenderStudy(context, studyId);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=reveal-open]")));

        page.Find("[data-testid=reveal-open]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=reveal-confirm]").Click());
        dialogs.WaitForAssertion(() => Assert.Equal("A reason of at least 5 characters is required to reveal an identity.", dialogs.Find("[data-testid=reveal-error]").TextContent.Trim()));
        dialogs.Find("textarea").Change("Tumour board");
        dialogs.Find("[data-testid=reveal-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Phantom^Box", dialogs.Find("[data-testid=reveal-result]").TextContent, StringComparison.Ordinal));
        Assert.Contains("PHANTOM-1", dialogs.Find("[data-testid=reveal-result]").TextContent, StringComparison.Ordinal);
        dialogs.Find("[data-testid=reveal-close]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=reveal-result]")));
        Assert.Equal(1, await Database.ScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_events WHERE event_id = @id AND user_name = 'dr.page' AND detail LIKE '%reason: Tumour board'", new { id = AuditEventIds.PatientRecord }));
    }

    [Fact]
    public async Task Without_the_clinician_role_nothing_that_needs_it_is_offered()
    {
        // The router refuses the page to anyone without the role; the page's own controls are gated the same way.
        Assert.Contains(typeof(Study).GetCustomAttributes<AuthorizeAttribute>(), a => a.Roles == "Clinician");
        var (studyId, seriesId) = await StudyAsync();
        await ActivateAsync("test-threshold");
        var analysis = await App.Services.GetRequiredService<IAnalysisService>().SubmitAsync(
            new AnalysisSubmission(seriesId, "test-threshold", null, null, null, AuditActor.System), Ct);
        await WaitForAsync(await App.ClinicianAsync(), analysis.Id, "Succeeded");
        await using var context = NewContext("auditor", "Admin");

        var page = RenderStudy(context, studyId, analysis.Id);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=analysis-detail]")));

        Assert.NotNull(page.Find("[data-testid=reveal-open]"));
        Assert.Empty(page.FindAll("[data-testid=run-analysis]"));
        Assert.Empty(page.FindAll("[data-testid=tool-paint]"));
        Assert.Empty(page.FindAll("[data-testid=review-form]"));
        Assert.Empty(page.FindAll("[data-testid^=download-]"));
        Assert.Empty(page.FindAll("[data-testid=overlay-image]"));
    }

    [Fact]
    public async Task An_unknown_study_says_so()
    {
        await using var context = NewContext("dr.page", "Clinician");

        var page = RenderStudy(context, "no-such-study");

        page.WaitForAssertion(() => Assert.Contains("There is no study 'no-such-study'.", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal));
    }

    private async Task<(string StudyId, string SeriesId)> StudyAsync()
    {
        var seriesId = await TestSeries.DicomAsync(App.Services, Ct);
        var instance = (await App.Services.GetRequiredService<IStudyIndex>().GetInstancesAsync(seriesId, Ct))[0];
        return (instance.StudyId, seriesId);
    }

    private BunitContext NewContext(string user, params string[] roles)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddFallbackServiceProvider(App.Services);
        context.AddAuthorization().SetAuthorized(user).SetRoles(roles);
        context.Render<MudBlazor.MudPopoverProvider>();
        return context;
    }

    /// <summary>The page as the router would open it; the analysis comes through the address, as from a link.</summary>
    private static IRenderedComponent<Study> RenderStudy(BunitContext context, string studyId, string? analysisId = null)
    {
        context.Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>()
            .NavigateTo($"/studies/{studyId}" + (analysisId is null ? "" : $"?analysis={analysisId}"));
        return context.Render<Study>(p => p.Add(s => s.Id, studyId).AddCascadingValue(new ClientAddress("10.2.3.4")));
    }
}
