namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>The level a QIDO-RS search returns (PS3.18 10.6): /studies, …/series, …/instances.</summary>
public enum QidoLevel
{
    Study,
    Series,
    Instance,
}
