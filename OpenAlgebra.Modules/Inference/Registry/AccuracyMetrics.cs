using Prometheus;

namespace OpenAlgebra.Modules.Inference.Registry;

internal static class AccuracyMetrics
{
    public static readonly Gauge Accuracy = Prometheus.Metrics.CreateGauge(
        "openalgebra_medical_model_accuracy", "Mean validation Dice of each validated engine version (the activation gate is 0.90).",
        new GaugeConfiguration { LabelNames = ["engine", "version"] });
}
