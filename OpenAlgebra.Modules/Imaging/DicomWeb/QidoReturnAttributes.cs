using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>The attributes a QIDO-RS result carries without being asked, per level (PS3.18 10.6.3.3, Tables 10.6.3-3 to -5).</summary>
internal static class QidoReturnAttributes
{
    private static readonly DicomTag SpecificCharacterSet = new(0x0008, 0x0005);
    private static readonly DicomTag TimezoneOffsetFromUtc = new(0x0008, 0x0201);
    private static readonly DicomTag RetrieveUrl = new(0x0008, 0x1190);
    private static readonly DicomTag InstanceAvailability = new(0x0008, 0x0056);

    private static readonly DicomTag[] Study =
    [
        SpecificCharacterSet, new(0x0008, 0x0020), new(0x0008, 0x0030), new(0x0008, 0x0050), InstanceAvailability,
        new(0x0008, 0x0061), new(0x0008, 0x0090), TimezoneOffsetFromUtc, RetrieveUrl, new(0x0010, 0x0010),
        new(0x0010, 0x0020), new(0x0010, 0x0030), new(0x0010, 0x0040), new(0x0020, 0x000D), new(0x0020, 0x0010),
        new(0x0020, 0x1206), new(0x0020, 0x1208),
    ];

    private static readonly DicomTag[] Series =
    [
        SpecificCharacterSet, new(0x0008, 0x0060), TimezoneOffsetFromUtc, new(0x0008, 0x103E), RetrieveUrl,
        new(0x0020, 0x000E), new(0x0020, 0x0011), new(0x0020, 0x1209), new(0x0040, 0x0244), new(0x0040, 0x0245),
        new(0x0040, 0x0275),
    ];

    private static readonly DicomTag[] Instance =
    [
        SpecificCharacterSet, new(0x0008, 0x0016), new(0x0008, 0x0018), InstanceAvailability, TimezoneOffsetFromUtc,
        RetrieveUrl, new(0x0020, 0x0013), new(0x0028, 0x0010), new(0x0028, 0x0011), new(0x0028, 0x0100), new(0x0028, 0x0008),
    ];

    // Types R and U of the tables: present in every result, empty when there is no value. The rest (type C) only
    // when known. Retrieve URL is the endpoint's to set.
    private static readonly DicomTag[] StudyRequired =
    [
        new(0x0008, 0x0020), new(0x0008, 0x0030), new(0x0008, 0x0050), new(0x0008, 0x0061), new(0x0008, 0x0090),
        new(0x0010, 0x0010), new(0x0010, 0x0020), new(0x0010, 0x0030), new(0x0010, 0x0040), new(0x0020, 0x000D),
        new(0x0020, 0x0010), new(0x0020, 0x1206), new(0x0020, 0x1208),
    ];

    private static readonly DicomTag[] SeriesRequired = [new(0x0008, 0x0060), new(0x0020, 0x000E), new(0x0020, 0x0011), new(0x0020, 0x1209)];

    private static readonly DicomTag[] InstanceRequired = [new(0x0008, 0x0016), new(0x0008, 0x0018), new(0x0020, 0x0013)];

    /// <summary>
    /// The defaults of <paramref name="level"/> and of every level above it up to <paramref name="within"/>:
    /// /series returns study attributes too, /studies/{uid}/series only series attributes (10.6.3.3).
    /// </summary>
    public static IEnumerable<DicomTag> For(QidoLevel level, QidoLevel? within) =>
        Levels(level, within).SelectMany(l => l switch { QidoLevel.Study => Study, QidoLevel.Series => Series, _ => Instance });

    /// <summary>Those of <see cref="For"/> that every result carries, with an empty value when the index has none.</summary>
    public static IEnumerable<DicomTag> RequiredFor(QidoLevel level, QidoLevel? within) =>
        Levels(level, within).SelectMany(l => l switch { QidoLevel.Study => StudyRequired, QidoLevel.Series => SeriesRequired, _ => InstanceRequired });

    private static IEnumerable<QidoLevel> Levels(QidoLevel level, QidoLevel? within)
    {
        for (var l = within is { } scope ? scope + 1 : QidoLevel.Study; l <= level; l++)
        {
            yield return l;
        }
    }
}
