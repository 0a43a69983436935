namespace OpenAlgebra.Modules.Imaging.Index;

/// <summary>What the study list is ordered by; ties fall back to the study's id, so pages never overlap.</summary>
public enum StudySort
{
    /// <summary>When the study was first stored here (the default, newest first).</summary>
    Uploaded,

    /// <summary>The study date as retained by de-identification; studies without one come last either way.</summary>
    StudyDate,

    Pseudonym,

    /// <summary>Studies without a description come last either way.</summary>
    Description,

    /// <summary>The study's modalities as listed (comma-separated, in order), so CT comes before CT,PT before MR.</summary>
    Modalities,

    SeriesCount,
}
