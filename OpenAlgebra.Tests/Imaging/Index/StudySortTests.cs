using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Index;

/// <summary>The study list's orders, the same on both databases: missing dates and descriptions last, ties broken by id.</summary>
public sealed class StudySortTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_column_sorts_both_ways_with_missing_values_last_and_pages_that_never_overlap(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var index = database.Get<IStudyIndex>();
        (string Pseudonym, string? Date, string? Description, string Modality, int Series)[] studies =
        [
            ("OA-C", "20240301", "Chest", "CT", 2), ("OA-A", null, "Abdomen", "MR", 1), ("OA-B", "20230115", null, "CT", 3),
            ("OA-D", "20240301", "Brain", "PT", 1), ("OA-E", null, null, "CR", 2),
        ];
        for (var n = 0; n < studies.Length; n++)
        {
            for (var s = 0; s < studies[n].Series; s++)
            {
                await index.AddInstanceAsync(Entry(n, studies[n], s), Ct);
            }
        }

        async Task<string[]> Order(StudySort sort, bool descending) =>
            [.. (await index.SearchAsync(new StudySearch(Sort: sort, Descending: descending), Ct)).Items.Select(i => i.Pseudonym)];

        // Ties (equal values) are compared as sets: their order is the ids', which are random.
        Assert.Equal([["OA-B"], ["OA-C", "OA-D"], ["OA-A", "OA-E"]], Groups(await Order(StudySort.StudyDate, false), 1, 2, 2));
        Assert.Equal([["OA-C", "OA-D"], ["OA-B"], ["OA-A", "OA-E"]], Groups(await Order(StudySort.StudyDate, true), 2, 1, 2));
        Assert.Equal(["OA-A", "OA-B", "OA-C", "OA-D", "OA-E"], await Order(StudySort.Pseudonym, false));
        Assert.Equal(["OA-E", "OA-D", "OA-C", "OA-B", "OA-A"], await Order(StudySort.Pseudonym, true));
        Assert.Equal([["OA-A"], ["OA-D"], ["OA-C"], ["OA-B", "OA-E"]], Groups(await Order(StudySort.Description, false), 1, 1, 1, 2));
        Assert.Equal([["OA-C"], ["OA-D"], ["OA-A"], ["OA-B", "OA-E"]], Groups(await Order(StudySort.Description, true), 1, 1, 1, 2));
        Assert.Equal([["OA-E"], ["OA-B", "OA-C"], ["OA-A"], ["OA-D"]], Groups(await Order(StudySort.Modalities, false), 1, 2, 1, 1));
        Assert.Equal([["OA-B"], ["OA-C", "OA-E"], ["OA-A", "OA-D"]], Groups(await Order(StudySort.SeriesCount, true), 1, 2, 2));
        Assert.Equal(["OA-E", "OA-D", "OA-B", "OA-A", "OA-C"], await Order(StudySort.Uploaded, true));
        Assert.Equal(["OA-C", "OA-A", "OA-B", "OA-D", "OA-E"], await Order(StudySort.Uploaded, false));

        // One study a page: ties split across page boundaries the same way on every request.
        var paged = new List<string>();
        for (var page = 1; page <= studies.Length; page++)
        {
            paged.AddRange((await index.SearchAsync(new StudySearch(Page: page, PageSize: 1, Sort: StudySort.SeriesCount), Ct)).Items.Select(i => i.Pseudonym));
        }

        Assert.Equal(await Order(StudySort.SeriesCount, true), paged);
    }

    private static List<List<string>> Groups(string[] order, params int[] sizes)
    {
        var groups = new List<List<string>>();
        var start = 0;
        foreach (var size in sizes)
        {
            groups.Add([.. order.Skip(start).Take(size).Order(StringComparer.Ordinal)]);
            start += size;
        }

        Assert.Equal(order.Length, start);
        return groups;
    }

    private static InstanceEntry Entry(int n, (string Pseudonym, string? Date, string? Description, string Modality, int Series) study, int series) =>
        new(study.Pseudonym, $"2.25.9{n}", study.Date, null, study.Description, $"2.25.9{n}.{series}", "dicom", study.Modality, null, series + 1, null,
            $"2.25.9{n}.{series}.1", null, 1, null, 8, 8, 1, $"instances/2.25.9{n}.{series}.1", 10, new string('0', 64));
}
