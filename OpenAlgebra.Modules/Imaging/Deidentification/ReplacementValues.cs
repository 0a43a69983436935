using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.Deidentification;

/// <summary>The values that replace original ones: ASCII text, and D's dummies.</summary>
internal static class ReplacementValues
{
    /// <summary>The dummy for text: unlike "ANONYMOUS" or "ANONYMIZED", not something a sample patient is called.</summary>
    public const string DummyText = "DEIDENTIFIED";

    /// <summary>An ASCII value (valid in every character set), padded to even length as the VR requires.</summary>
    public static DicomValueElement Ascii(DicomTag tag, DicomVR vr, string text)
    {
        var bytes = new byte[text.Length + (text.Length & 1)];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = (byte)text[i];
        }

        if ((text.Length & 1) == 1)
        {
            bytes[^1] = vr.Padding();
        }

        return new DicomValueElement(tag, vr, DicomBuffer.FromBytes(bytes));
    }

    public static DicomValueElement Empty(DicomTag tag, DicomVR vr) => new(tag, vr, DicomBuffer.Empty);

    /// <summary>
    /// A non-empty value valid for the VR that says nothing: a fixed early date or time, zero, or
    /// <see cref="DummyText"/>. Binary values become a single zero, however long the original was.
    /// </summary>
    public static DicomValueElement Dummy(DicomTag tag, DicomVR vr) => vr switch
    {
        DicomVR.DA => Ascii(tag, vr, "19000101"),
        DicomVR.DT => Ascii(tag, vr, "19000101000000"),
        DicomVR.TM => Ascii(tag, vr, "000000"),
        DicomVR.AS => Ascii(tag, vr, "000D"),
        DicomVR.DS or DicomVR.IS => Ascii(tag, vr, "0"),
        DicomVR.AE or DicomVR.CS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST
            or DicomVR.UC or DicomVR.UR or DicomVR.UT => Ascii(tag, vr, DummyText),
        DicomVR.FD or DicomVR.OD or DicomVR.SV or DicomVR.UV or DicomVR.OV => Zeros(tag, vr, 8),
        DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.OF or DicomVR.OL or DicomVR.AT => Zeros(tag, vr, 4),
        _ => Zeros(tag, vr, 2),
    };

    private static DicomValueElement Zeros(DicomTag tag, DicomVR vr, int length) => new(tag, vr, DicomBuffer.FromBytes(new byte[length]));
}
