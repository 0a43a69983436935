using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging.Loading;

/// <summary>
/// A stored series as a <see cref="Volume"/>: its objects decrypted (integrity-checked), decoded and assembled.
/// Recently used volumes stay in memory within <c>OpenAlgebra:Imaging:VolumeCacheMegabytes</c>, so a viewer's next
/// slice or an analysis on the same series does not decode the series again.
/// </summary>
public interface ISeriesVolumes
{
    /// <returns>null when the index has no such series.</returns>
    /// <exception cref="VolumeBuildException">The stored instances do not form one volume.</exception>
    Task<Volume?> GetAsync(string seriesId, CancellationToken cancellationToken = default);
}
