using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.Derived;

/// <summary>One stored image an object can reference: an instance, and its frame (1-based) when it has several.</summary>
public sealed record SourceImage(string SopClassUid, string SopInstanceUid, int? FrameNumber);

/// <summary>
/// What an object derived from a stored series (a segmentation, a denoised copy) needs to refer to it. Every value is
/// the stored, de-identified one.
/// </summary>
/// <param name="PatientStudy">The Patient, General Study and Frame of Reference attributes to copy into a derived object (a fresh copy each call).</param>
/// <param name="Images">The series' DICOM instances; empty for a NIfTI upload, which has none to reference.</param>
/// <param name="Slices">For each slice k of the series' volume, the image it was decoded from; empty for a NIfTI upload.</param>
public sealed record SourceSeries(
    string SeriesId,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string FrameOfReferenceUid,
    string Modality,
    DicomDataset PatientStudy,
    IReadOnlyList<SourceImage> Images,
    IReadOnlyList<SourceImage> Slices);

public interface ISourceSeriesReader
{
    /// <returns>null when the index has no such series.</returns>
    /// <exception cref="Volumes.VolumeBuildException">The stored instances do not form one volume.</exception>
    Task<SourceSeries?> ReadAsync(string seriesId, CancellationToken cancellationToken = default);
}
