using Prometheus;

namespace OpenAlgebra.Modules.Inference.Jobs;

internal static class JobMetrics
{
    public static readonly Gauge Queued = Prometheus.Metrics.CreateGauge(
        "openalgebra_jobs_queued", "Analyses waiting for a worker, by Hangfire queue (gpu, default).",
        new GaugeConfiguration { LabelNames = ["queue"] });
}
