using System.Globalization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Web.Components.Pages;
using OpenAlgebra.Web.Components.Session;

namespace OpenAlgebra.Tests.Components;

/// <summary>The study list over a real index: server-side pages, sorting, search, opening a study, and the audit of listing.</summary>
public sealed class StudiesPageTests : IAsyncLifetime
{
    private const int StudyCount = 120;
    private PageHarness _harness = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _harness = await PageHarness.CreateAsync("dr.list", ["Clinician"]);
        var index = _harness.Database.Get<IStudyIndex>();
        for (var n = 0; n < StudyCount; n++)
        {
            await index.AddInstanceAsync(Entry(n), Ct);
        }
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public void The_first_page_holds_the_newest_fifty_and_the_pager_counts_them_all()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(50, Pseudonyms(page).Count));
        Assert.Equal(Enumerable.Range(StudyCount - 50, 50).Reverse().Select(Pseudonym), Pseudonyms(page));
        Assert.Contains($"1-50 of {StudyCount}", page.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal);
        Assert.Equal("2025-01-13", page.FindAll("[data-testid=study-table] tbody tr")[0].Children[1].TextContent.Trim());
    }

    [Fact]
    public void Sorting_and_paging_happen_on_the_server()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(50, Pseudonyms(page).Count));

        page.FindAll(".mud-table-sort-label").Single(l => l.TextContent.Trim() == "Pseudonym").Click();
        page.WaitForAssertion(() => Assert.Equal(Pseudonym(0), Pseudonyms(page)[0]));
        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal(Enumerable.Range(50, 50).Select(Pseudonym), Pseudonyms(page)));
    }

    [Fact]
    public async Task Searching_narrows_the_list_and_a_row_opens_its_study()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(50, Pseudonyms(page).Count));

        SearchBox(page).Input("oa-000007");
        page.WaitForAssertion(() => Assert.Equal([Pseudonym(7)], Pseudonyms(page)), TimeSpan.FromSeconds(5));

        var id = (await _harness.Database.Get<IStudyIndex>().SearchAsync(new StudySearch("OA-000007"), Ct)).Items.Single().Id;
        Assert.Equal($"/studies/{id}", page.Find("[data-testid=study-link]").GetAttribute("href"));
        page.FindAll("[data-testid=study-table] tbody tr td")[2].Click();
        page.WaitForAssertion(() =>
            Assert.EndsWith($"/studies/{id}", _harness.Context.Services.GetRequiredService<BunitNavigationManager>().Uri, StringComparison.Ordinal));

        var listings = await _harness.Database.Get<IAuditTrail>().QueryAsync(new AuditQuery(UserName: "dr.list", EventId: AuditEventIds.Query), AuditActor.System, Ct);
        Assert.Contains(listings.Items, r => r.ObjectType == "study-list" && r.SourceIp == "10.1.2.3" && r.Detail!.Contains("q=oa-000007", StringComparison.Ordinal)
            && r.Detail.EndsWith("1 of 1 studies listed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_search_that_matches_nothing_says_so()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(50, Pseudonyms(page).Count));

        SearchBox(page).Input("no such study");

        page.WaitForAssertion(() => Assert.Equal("No study matches these filters.", page.Find("[data-testid=no-studies]").TextContent.Trim()), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Prerendering_lists_nothing_so_a_visit_is_listed_and_audited_once_by_its_circuit()
    {
        _harness.Context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var page = RenderPage();

        Assert.Empty(Pseudonyms(page));
        Assert.Contains("Loading studies", page.Find("[data-testid=study-table]").TextContent, StringComparison.Ordinal);
        var listings = await _harness.Database.Get<IAuditTrail>().QueryAsync(new AuditQuery(UserName: "dr.list", EventId: AuditEventIds.Query), AuditActor.System, Ct);
        Assert.Equal(0, listings.Total);
    }

    private IRenderedComponent<Studies> RenderPage() =>
        _harness.Context.Render<Studies>(p => p.AddCascadingValue(new ClientAddress("10.1.2.3")));

    // MudTextField puts its attributes on the input itself.
    private static AngleSharp.Dom.IElement SearchBox(IRenderedComponent<Studies> page) => page.Find("input[data-testid=study-search]");

    private static List<string> Pseudonyms(IRenderedComponent<Studies> page) =>
        [.. page.FindAll("[data-testid=study-link]").Select(a => a.TextContent.Trim())];

    private static string Pseudonym(int n) => string.Create(CultureInfo.InvariantCulture, $"OA-{n:D6}");

    private static InstanceEntry Entry(int n)
    {
        var date = new DateOnly(2024, 9, 16).AddDays(n).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return new InstanceEntry(Pseudonym(n), $"2.25.7{n}", date, null, $"Follow-up {n % 7}", $"2.25.7{n}.1", "dicom", n % 2 == 0 ? "CT" : "MR", null, 1, null,
            $"2.25.7{n}.1.1", null, 1, null, 8, 8, 1, $"instances/2.25.7{n}.1.1", 10, new string('0', 64));
    }
}
