namespace OpenAlgebra.Modules.Imaging.Index;

/// <summary>A study as the API returns it: pseudonymous, with its series.</summary>
public sealed record StudyDetail(
    string Id,
    string StudyInstanceUid,
    string Pseudonym,
    string? StudyDate,
    string? Description,
    IReadOnlyList<string> Modalities,
    IReadOnlyList<SeriesSummary> Series);

/// <param name="DerivedFromSeriesId">Set when the platform computed this series from another one (e.g. a denoised copy).</param>
public sealed record SeriesSummary(
    string Id,
    string SeriesInstanceUid,
    string Modality,
    string Kind,
    string? Description,
    int? SeriesNumber,
    int? Rows,
    int? Columns,
    int Instances,
    string? DerivedFromSeriesId = null);

/// <summary>Where a series sits: its study and the study's pseudonym, with what a list shows of each.</summary>
public sealed record SeriesLocation(string SeriesId, string StudyId, string Pseudonym, string Modality, string? SeriesDescription, string? StudyDescription);

/// <summary>One row of the study list.</summary>
public sealed record StudySummary(
    string Id,
    string StudyInstanceUid,
    string Pseudonym,
    string? StudyDate,
    string? Description,
    IReadOnlyList<string> Modalities,
    int SeriesCount,
    int InstanceCount,
    DateTimeOffset CreatedAt);

/// <summary>Search of the study list. <paramref name="Query"/> matches pseudonym, description or study UID.</summary>
public sealed record StudySearch(string? Query = null, string? Modality = null, string? FromDate = null, string? ToDate = null, int Page = 1, int PageSize = 50,
    StudySort Sort = StudySort.Uploaded, bool Descending = true)
{
    public const int MaxPageSize = 500;
}

public sealed record StudyPage(IReadOnlyList<StudySummary> Items, long Total, int Page, int PageSize);

/// <summary>One stored instance (a DICOM instance, or a NIfTI file) and where its encrypted bytes are.</summary>
public sealed record StoredInstance(string Id, string StudyId, string SeriesId, string SopInstanceUid, string ObjectKey, long Size, string Sha256, int? InstanceNumber);
