namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>How a data set is encoded (PS3.5 Section 10) and, for encapsulated syntaxes, how its pixels are compressed.</summary>
public sealed record DicomTransferSyntax(string Uid, string Name, bool ExplicitVR, bool BigEndian, bool Deflated, bool Encapsulated)
{
    public static readonly DicomTransferSyntax ImplicitVRLittleEndian = new("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false);
    public static readonly DicomTransferSyntax ExplicitVRLittleEndian = new("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false);
    public static readonly DicomTransferSyntax DeflatedExplicitVRLittleEndian = new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false);
    public static readonly DicomTransferSyntax ExplicitVRBigEndian = new("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, false);
    public static readonly DicomTransferSyntax JpegBaseline = Compressed("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)");
    public static readonly DicomTransferSyntax JpegExtended = Compressed("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)");
    public static readonly DicomTransferSyntax JpegLossless = Compressed("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)");
    public static readonly DicomTransferSyntax JpegLosslessSV1 = Compressed("1.2.840.10008.1.2.4.70", "JPEG Lossless, First-Order Prediction (Process 14, SV1)");
    public static readonly DicomTransferSyntax JpegLSLossless = Compressed("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless");
    public static readonly DicomTransferSyntax JpegLSNearLossless = Compressed("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless");
    public static readonly DicomTransferSyntax Jpeg2000Lossless = Compressed("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless");
    public static readonly DicomTransferSyntax Jpeg2000 = Compressed("1.2.840.10008.1.2.4.91", "JPEG 2000");
    public static readonly DicomTransferSyntax RleLossless = Compressed("1.2.840.10008.1.2.5", "RLE Lossless");

    private static readonly DicomTransferSyntax[] Known =
    [
        ImplicitVRLittleEndian, ExplicitVRLittleEndian, DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian, JpegBaseline,
        JpegExtended, JpegLossless, JpegLosslessSV1, JpegLSLossless, JpegLSNearLossless, Jpeg2000Lossless, Jpeg2000, RleLossless,
    ];

    /// <summary>
    /// The syntax for a UID. Unknown UIDs are taken as encapsulated Explicit VR Little Endian, which is what every
    /// later-defined compressed syntax is, so their data sets still read and de-identify.
    /// </summary>
    public static DicomTransferSyntax FromUid(string uid)
    {
        var trimmed = uid.TrimEnd('\0', ' ');
        return Known.FirstOrDefault(s => s.Uid == trimmed) ?? Compressed(trimmed, $"Unknown transfer syntax {trimmed}");
    }

    private static DicomTransferSyntax Compressed(string uid, string name) => new(uid, name, true, false, false, true);
}
