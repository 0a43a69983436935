using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.Volumes;

/// <summary>Assembles the images of one DICOM series into a <see cref="Volume"/> in modality units (HU for CT).</summary>
public interface IVolumeBuilder
{
    /// <summary>
    /// Builds a volume from single-frame instances of one series (in any order) or from one multi-frame instance
    /// (geometry from its functional groups). Slices are ordered along the normal of their plane; missing or unevenly
    /// spaced slices are reported in <see cref="Volume.Warnings"/>, never resampled.
    /// </summary>
    /// <exception cref="VolumeBuildException">The images do not form one volume: mixed sizes or orientations, duplicate positions, no geometry.</exception>
    /// <exception cref="DicomFormatException">Malformed pixel data or attributes.</exception>
    /// <exception cref="Dicom.Pixels.UnsupportedTransferSyntaxException">Pixels compressed in a syntax not decoded here.</exception>
    Volume Build(IReadOnlyList<DicomFile> instances, CancellationToken cancellationToken = default);
}
