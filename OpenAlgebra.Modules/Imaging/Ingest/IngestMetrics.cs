using Prometheus;

namespace OpenAlgebra.Modules.Imaging.Ingest;

internal static class IngestMetrics
{
    public static readonly Histogram ProcessingDuration = Metrics.CreateHistogram(
        "openalgebra_dicom_processing_duration_seconds", "Time to parse, de-identify, scan, encrypt, store and index one uploaded file.",
        new HistogramConfiguration { LabelNames = ["kind", "outcome"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });

    public static readonly Counter UnanonymizedData = Metrics.CreateCounter(
        "openalgebra_unanonymized_data_processed_total", "Uploaded files whose de-identified output still held PHI; each was rejected.");
}
