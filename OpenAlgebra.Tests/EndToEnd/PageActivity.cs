using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace OpenAlgebra.Tests.EndToEnd;

/// <summary>
/// Follows a page's requests and errors so that a failed browser step can say what the page was waiting for: a
/// screenshot of a half-loaded page does not show which request never finished.
/// </summary>
internal sealed class PageActivity
{
    private const int KeptEvents = 30;

    private readonly IPage _page;
    private readonly HashSet<IRequest> _open = [];
    private readonly Queue<string> _events = new();

    public PageActivity(IPage page)
    {
        _page = page;
        page.Request += (_, request) => Track(() => _open.Add(request));
        page.RequestFinished += (_, request) => Track(() => _open.Remove(request));
        page.RequestFailed += (_, request) => Track(() =>
        {
            _open.Remove(request);
            Remember($"request failed: {request.Method} {request.Url}: {request.Failure}");
        });
        page.FrameNavigated += (_, frame) => Track(() => Remember($"navigated: {frame.Url}"));
        page.Load += (_, _) => Track(() => Remember("load event"));
        page.PageError += (_, error) => Track(() => Remember($"page error: {error}"));
        page.Console += (_, message) => Track(() =>
        {
            if (message.Type is "error" or "warning")
            {
                Remember($"console {message.Type}: {message.Text}");
            }
        });
    }

    public string Describe()
    {
        lock (_events)
        {
            var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"Page at failure: {_page.Url}");
            text.AppendLine(CultureInfo.InvariantCulture, $"Requests still open ({_open.Count}):");
            foreach (var request in _open)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {request.Method} {request.Url}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"Last {_events.Count} page events:");
            foreach (var line in _events)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
            }

            return text.ToString();
        }
    }

    private void Track(Action change)
    {
        lock (_events)
        {
            change();
        }
    }

    private void Remember(string line)
    {
        _events.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {line}"));
        if (_events.Count > KeptEvents)
        {
            _events.Dequeue();
        }
    }
}
