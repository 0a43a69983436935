using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Index;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>What a QIDO-RS search found: one data set per match, with the attributes the index keeps.</summary>
public sealed record QidoResult(IReadOnlyList<DicomDataset> Matches, IReadOnlyList<string> Warnings);

/// <summary>QIDO-RS searches and WADO-RS lookups over the study index (all UIDs are the de-identified ones).</summary>
public interface IDicomWebQueries
{
    /// <summary>Most matches a search returns when the query sets no lower <c>limit</c>.</summary>
    const int MaxResults = 1000;

    Task<QidoResult> StudiesAsync(QidoQuery query, CancellationToken cancellationToken = default);

    Task<QidoResult> SeriesAsync(QidoQuery query, string? studyUid, CancellationToken cancellationToken = default);

    Task<QidoResult> InstancesAsync(QidoQuery query, string? studyUid, string? seriesUid, CancellationToken cancellationToken = default);

    /// <summary>The stored instances of a study, one of its series, or one instance, for WADO-RS retrieval.</summary>
    Task<IReadOnlyList<StoredInstance>> RetrievableAsync(string studyUid, string? seriesUid, string? sopInstanceUid, CancellationToken cancellationToken = default);
}
