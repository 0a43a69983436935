using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging.Derived;

/// <summary>A volume computed from a stored series (on its grid), to be stored as a new series of the same study.</summary>
/// <param name="DerivationKey">
/// Names this derivation (e.g. an analysis id): the same key gives the same UIDs, so storing again (a retried job)
/// finds what the first attempt stored and adds nothing.
/// </param>
/// <param name="Description">Series Description of the new series, e.g. "tv-denoise 1.0.0 (weight 0.1)".</param>
public sealed record DerivedSeriesRequest(string SourceSeriesId, Volume Volume, string DerivationKey, string Description);

/// <summary>The stored derived series; <see cref="InstancesAdded"/> is 0 when an earlier attempt had stored it all.</summary>
public sealed record DerivedSeries(string SeriesId, string SeriesInstanceUid, int Instances, int InstancesAdded);

/// <summary>
/// Stores derived volumes as DICOM series (one Secondary Capture instance per slice, Image Type DERIVED\SECONDARY, with
/// the source's plane geometry and Frame of Reference) through the same encrypted store and index as uploads; the
/// index marks the series as derived from its source.
/// </summary>
public interface IDerivedSeriesWriter
{
    /// <exception cref="ArgumentException">The source series does not exist, or the volume is not one 3D channel.</exception>
    Task<DerivedSeries> StoreAsync(DerivedSeriesRequest request, CancellationToken cancellationToken = default);
}
