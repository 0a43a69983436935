using System.Diagnostics;
using Prometheus;

namespace OpenAlgebra.Web.Observability;

/// <summary>Counts and times every API and DICOMweb request under the names the runbook's alerts use.</summary>
internal sealed class ApiMetricsMiddleware(RequestDelegate next)
{
    private static readonly string[] Labels = ["method", "endpoint", "status"];

    private static readonly Counter Requests = Metrics.CreateCounter(
        "openalgebra_api_requests_total", "API requests by method, endpoint and status code.", Labels);

    private static readonly Counter Errors = Metrics.CreateCounter(
        "openalgebra_api_errors_total", "API requests answered with a 5xx status.", Labels);

    private static readonly Histogram Duration = Metrics.CreateHistogram(
        "openalgebra_api_request_duration_seconds", "API request duration.",
        new HistogramConfiguration { LabelNames = ["method", "endpoint"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });

    public async Task InvokeAsync(HttpContext context)
    {
        if (!Api.ApiPaths.IsApi(context.Request))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // The route pattern, not the path, keeps label cardinality bounded.
            var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var status = context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Requests.WithLabels(context.Request.Method, endpoint, status).Inc();
            if (context.Response.StatusCode >= 500)
            {
                Errors.WithLabels(context.Request.Method, endpoint, status).Inc();
            }

            Duration.WithLabels(context.Request.Method, endpoint).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
