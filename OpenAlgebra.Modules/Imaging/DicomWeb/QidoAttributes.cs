using System.Globalization;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>Attribute IDs of a query: a PS3.6 keyword or eight hex digits (PS3.18 8.3.4.1).</summary>
internal static class QidoAttributes
{
    public static (DicomTag Tag, DicomVR VR) Resolve(string parameter, string id)
    {
        if (id.Contains('.', StringComparison.Ordinal))
        {
            throw new QidoQueryException(parameter, $"'{id}' is an attribute inside a sequence; sequence matching is not supported.");
        }

        DicomRegistryEntry? entry;
        if (id.Length == 8 && uint.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            var tag = DicomTag.FromValue(value);
            entry = tag.IsPrivate ? null : DicomRegistry.Find(tag);
            if (entry is null)
            {
                throw new QidoQueryException(parameter, $"{tag} is not an attribute of the data dictionary (PS3.6).");
            }

            entry = entry with { Tag = tag };
        }
        else
        {
            entry = DicomRegistry.FindByKeyword(id)
                ?? throw new QidoQueryException(parameter, $"'{id}' is not a DICOM keyword (PS3.6) or a tag of eight hex digits.");
        }

        return (entry.Tag, VROf(entry));
    }

    /// <summary>The dictionary VR of a standard attribute, e.g. to return it empty.</summary>
    public static DicomVR VR(DicomTag tag) =>
        DicomRegistry.Find(tag) is { } entry ? VROf(entry) : throw new ArgumentException($"{tag} is not in the data dictionary.", nameof(tag));

    // Ambiguous dictionary VRs (US or SS, OB or OW) do not name one; such attributes are never search keys anyway.
    private static DicomVR VROf(DicomRegistryEntry entry) =>
        entry.VR.Length == 2 && DicomVRs.FromBytes((byte)entry.VR[0], (byte)entry.VR[1]) is { } known ? known : DicomVR.UN;
}
