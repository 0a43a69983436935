using System.Net.Http.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Inference.Analyses;
using OpenAlgebra.Tests.Inference;
using OpenAlgebra.Web.Components.Pages;
using OpenAlgebra.Web.Components.Session;

namespace OpenAlgebra.Tests.Components;

/// <summary>A clinician's analyses across studies, over the real app with its job server and test engines.</summary>
public sealed class AnalysesPageTests : AnalysisAppTest
{
    [Fact]
    public async Task Lists_only_the_users_analyses_with_state_engine_duration_and_review_and_follows_a_running_one_until_cancelled()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-threshold");
        await ActivateAsync("test-wait");
        var mine = await App.ClinicianAsync();
        var finished = await SubmitAsync(mine, new { seriesId, engine = "test-threshold" });
        await WaitForAsync(mine, finished, "Succeeded");
        (await mine.PostAsJsonAsync($"/api/analyses/{finished}/review", new { decision = "accept", comment = "matches the lesion" }, Ct)).EnsureSuccessStatusCode();
        var running = await SubmitAsync(mine, new { seriesId, engine = "test-wait" });
        await Waiting.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await SubmitAsync(await App.ClinicianAsync("dr.other"), new { seriesId, engine = "test-threshold" });
        var studyId = (await App.Services.GetRequiredService<IStudyIndex>().LocateSeriesAsync([seriesId], Ct)).Single().StudyId;
        await using var context = NewContext("clinician");

        var page = context.Render<Analyses>(p => p.AddCascadingValue(new ClientAddress("10.4.4.4")));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=analysis-state]").Count), TimeSpan.FromSeconds(10));
        Assert.Equal(["test-wait 1.0.0", "test-threshold 1.0.0"], page.FindAll("[data-testid=analysis-engine]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["Running", "Succeeded"], page.FindAll("[data-testid=analysis-state]").Select(e => e.GetAttribute("data-state")));
        // The page reads the list again every two seconds of its clock while anything is active: progress moves without a reload.
        // Its clock also drives the job's time limit, so it only moves once the job has stored the progress the page should show.
        await WaitUntilAsync(mine, running, a => a.GetProperty("progress").GetInt32() >= 10, "report 10%");
        page.WaitForAssertion(() =>
        {
            App.Clock.Advance(TimeSpan.FromSeconds(2));
            Assert.Contains("Running 10%", page.FindAll("[data-testid=analysis-state]")[0].TextContent, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(15));
        Assert.Equal("Accepted by clinician", page.FindAll("[data-testid=analysis-review]")[1].TextContent.Trim());
        Assert.EndsWith(" s", page.FindAll("[data-testid=analysis-duration]")[1].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal([$"/studies/{studyId}?analysis={running}", $"/studies/{studyId}?analysis={finished}"],
            page.FindAll("[data-testid=analysis-open]").Select(a => a.GetAttribute("href")));
        Assert.Single(page.FindAll("[data-testid=analysis-cancel]"));

        page.Find("[data-testid=analysis-cancel]").Click();
        await WaitForAsync(mine, running, "Cancelled");

        page.WaitForAssertion(() =>
        {
            App.Clock.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal("Cancelled", page.FindAll("[data-testid=analysis-state]")[0].GetAttribute("data-state"));
        }, TimeSpan.FromSeconds(15));
        Assert.Empty(page.FindAll("[data-testid=analysis-cancel]"));
        var cancelled = await App.Services.GetRequiredService<IAnalysisService>().GetAsync(running, Ct);
        Assert.Equal(AnalysisState.Cancelled, cancelled.State);
    }

    [Fact]
    public async Task The_study_list_counts_each_studys_analyses_by_what_they_need()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        await ActivateAsync("test-threshold");
        await ActivateAsync("test-wait");
        var clinician = await App.ClinicianAsync();
        await WaitForAsync(clinician, await SubmitAsync(clinician, new { seriesId, engine = "test-threshold" }), "Succeeded");
        await SubmitAsync(clinician, new { seriesId, engine = "test-wait" });
        await Waiting.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await TestSeries.DicomAsync(App.Services, Ct);
        await using var context = NewContext("clinician");

        var page = context.Render<Studies>(p => p.AddCascadingValue(new ClientAddress(null)));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=study-analyses]").Count), TimeSpan.FromSeconds(10));
        Assert.Equal(["none", "1 running · 1 to review"], page.FindAll("[data-testid=study-analyses]").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task With_no_analyses_the_page_says_where_they_come_from()
    {
        await using var context = NewContext("dr.new");

        var page = context.Render<Analyses>(p => p.AddCascadingValue(new ClientAddress(null)));

        page.WaitForAssertion(() => Assert.Contains("No analyses yet", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal));
    }

    private BunitContext NewContext(string user)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(App.Services.GetRequiredService<IAnalysisService>());
        context.Services.AddSingleton(App.Services.GetRequiredService<IStudyIndex>());
        context.Services.AddSingleton(App.Services.GetRequiredService<OpenAlgebra.Modules.Compliance.Audit.IAuditTrail>());
        context.Services.AddSingleton<TimeProvider>(App.Clock);
        context.AddAuthorization().SetAuthorized(user).SetRoles("Clinician");
        context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        context.Render<MudBlazor.MudPopoverProvider>();
        return context;
    }
}
