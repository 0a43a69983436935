using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>Which kinds of matching each VR allows in a search (PS3.4 C.2.2.2).</summary>
internal static class QidoVRs
{
    /// <summary>C.2.2.2.4 names the VRs whose '*' and '?' are wildcards.</summary>
    public static bool AllowsWildcards(DicomVR vr) => vr is DicomVR.AE or DicomVR.CS or DicomVR.LO or DicomVR.LT or DicomVR.PN
        or DicomVR.SH or DicomVR.ST or DicomVR.UC or DicomVR.UR or DicomVR.UT;

    public static bool IsDateTime(DicomVR vr) => vr is DicomVR.DA or DicomVR.TM or DicomVR.DT;

    public static bool IsNumeric(DicomVR vr) => vr is DicomVR.US or DicomVR.SS or DicomVR.UL or DicomVR.SL or DicomVR.FL
        or DicomVR.FD or DicomVR.SV or DicomVR.UV or DicomVR.IS or DicomVR.DS;

    /// <summary>VRs a key can be matched on here: not bytes, tags or sequences.</summary>
    public static bool IsMatchable(DicomVR vr) => IsNumeric(vr) || vr.IsString();
}
