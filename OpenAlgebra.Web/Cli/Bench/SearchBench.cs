using System.Globalization;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>Study-list searches over an index of many studies (the list a clinician pages through all day).</summary>
internal static class SearchBench
{
    private static readonly string[] Modalities = ["CT", "MR", "PT", "US", "CR"];

    public static async Task<int> RunAsync(TextWriter output, int studies, int runs, IServiceProvider services)
    {
        await services.GetRequiredService<IDatabaseMigrator>().MigrateAsync();
        var index = services.GetRequiredService<IStudyIndex>();
        for (var n = 0; n < studies; n++)
        {
            await index.AddInstanceAsync(Entry(n));
        }

        output.WriteLine($"{studies} studies indexed (embedded SQLite); each search runs {runs} times");
        var random = new Random(7);
        BenchTiming Measure(string name, Func<StudySearch> search) =>
            BenchTiming.Measure(name, runs, () => index.SearchAsync(search()).GetAwaiter().GetResult());
        foreach (var timing in new[]
        {
            Measure("first page, no filter", () => new StudySearch()),
            Measure("modality filter, random page", () => new StudySearch(Modality: Modalities[random.Next(5)], Page: random.Next(1, 20))),
            Measure("text search (pseudonym prefix)", () => new StudySearch(Query: $"oa-{random.Next(1000):D3}")),
            Measure("date range", () => new StudySearch(FromDate: "20250101", ToDate: "20250630")),
            Measure("sorted by study date, random page", () => new StudySearch(Page: random.Next(1, 200), Sort: StudySort.StudyDate, Descending: false)),
            Measure("sorted by description, random page", () => new StudySearch(Page: random.Next(1, 200), Sort: StudySort.Description)),
            Measure("sorted by series count, modality filter", () => new StudySearch(Modality: Modalities[random.Next(5)], Sort: StudySort.SeriesCount)),
        })
        {
            output.WriteLine(timing + string.Create(CultureInfo.InvariantCulture, $"   p95 {timing.P95Microseconds / 1000:F2} ms"));
        }

        return 0;
    }

    private static InstanceEntry Entry(int n)
    {
        var date = new DateOnly(2024, 1, 1).AddDays(n % 700).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return new InstanceEntry($"OA-{n % 1000:D3}{n:D6}", $"2.25.{n}", date, "101500", $"Study {n % 37} follow-up", $"2.25.{n}.1", "dicom",
            Modalities[n % 5], "Axial", 1, null, $"2.25.{n}.1.1", "1.2.840.10008.5.1.4.1.1.2", 1, "1.2.840.10008.1.2.1", 512, 512, 1,
            $"instances/2.25.{n}.1.1", 525_000, new string('0', 64));
    }
}
