using System.Globalization;
using Microsoft.Playwright;

namespace OpenAlgebra.Tests.EndToEnd;

/// <summary>
/// Screenshots of a test's steps, numbered in order, under <c>artifacts/e2e/&lt;test&gt;/</c> beside the test assembly;
/// the folder is printed to the test output so a failing run's last picture is easy to find.
/// </summary>
public sealed class Steps
{
    private readonly IPage _page;
    private readonly PageActivity _activity;
    private int _count;

    public Steps(IPage page, string test)
    {
        _page = page;
        _activity = new PageActivity(page);
        Folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "e2e", test);
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Directory.CreateDirectory(Folder);
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshots: {Folder}");
    }

    public string Folder { get; }

    public async Task ShotAsync(string step)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{++_count:D2}-{string.Join('-', step.Split(' ', StringSplitOptions.RemoveEmptyEntries))}.png");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name), FullPage = true });
    }

    /// <summary>
    /// Runs the test's steps; when one fails, what the page was doing (address, requests still open, errors) is written
    /// to the test's output and the page as it was then is saved before the failure goes on.
    /// </summary>
    public async Task RunAsync(Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine(_activity.Describe());
            await ShotAsync("failed here");
            throw;
        }
    }
}
