namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>Value Representations of PS3.5 6.2.</summary>
public enum DicomVR : ushort
{
    AE = ('A' << 8) | 'E', AS = ('A' << 8) | 'S', AT = ('A' << 8) | 'T', CS = ('C' << 8) | 'S',
    DA = ('D' << 8) | 'A', DS = ('D' << 8) | 'S', DT = ('D' << 8) | 'T', FD = ('F' << 8) | 'D',
    FL = ('F' << 8) | 'L', IS = ('I' << 8) | 'S', LO = ('L' << 8) | 'O', LT = ('L' << 8) | 'T',
    OB = ('O' << 8) | 'B', OD = ('O' << 8) | 'D', OF = ('O' << 8) | 'F', OL = ('O' << 8) | 'L',
    OV = ('O' << 8) | 'V', OW = ('O' << 8) | 'W', PN = ('P' << 8) | 'N', SH = ('S' << 8) | 'H',
    SL = ('S' << 8) | 'L', SQ = ('S' << 8) | 'Q', SS = ('S' << 8) | 'S', ST = ('S' << 8) | 'T',
    SV = ('S' << 8) | 'V', TM = ('T' << 8) | 'M', UC = ('U' << 8) | 'C', UI = ('U' << 8) | 'I',
    UL = ('U' << 8) | 'L', UN = ('U' << 8) | 'N', UR = ('U' << 8) | 'R', US = ('U' << 8) | 'S',
    UT = ('U' << 8) | 'T', UV = ('U' << 8) | 'V',
}

/// <summary>What the codec needs to know about each VR.</summary>
public static class DicomVRs
{
    /// <summary>The VR of the two ASCII bytes in an explicit-VR element, or null when they name none.</summary>
    public static DicomVR? FromBytes(byte first, byte second)
    {
        var vr = (DicomVR)((first << 8) | second);
        return Enum.IsDefined(vr) ? vr : null;
    }

    public static string Code(this DicomVR vr) => new([(char)((ushort)vr >> 8), (char)((ushort)vr & 0xFF)]);

    /// <summary>Explicit VR encodes these with 2 reserved bytes and a 32-bit length (PS3.5 Table 7.1-1).</summary>
    public static bool HasLongLength(this DicomVR vr) => vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL
        or DicomVR.OV or DicomVR.OW or DicomVR.SQ or DicomVR.SV or DicomVR.UC or DicomVR.UN or DicomVR.UR or DicomVR.UT or DicomVR.UV;

    public static bool IsString(this DicomVR vr) => vr is DicomVR.AE or DicomVR.AS or DicomVR.CS or DicomVR.DA or DicomVR.DS
        or DicomVR.DT or DicomVR.IS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.TM
        or DicomVR.UC or DicomVR.UI or DicomVR.UR or DicomVR.UT;

    /// <summary>Strings whose bytes follow the Specific Character Set; the others use the default repertoire.</summary>
    public static bool UsesCharacterSet(this DicomVR vr) => vr is DicomVR.SH or DicomVR.LO or DicomVR.ST or DicomVR.LT
        or DicomVR.PN or DicomVR.UC or DicomVR.UT;

    /// <summary>Strings that hold one value only: a backslash in them is text, not a separator.</summary>
    public static bool IsSingleValued(this DicomVR vr) => vr is DicomVR.LT or DicomVR.ST or DicomVR.UT or DicomVR.UR;

    /// <summary>Bytes per number for binary VRs whose byte order follows the transfer syntax; 0 for the others.</summary>
    public static int WordSize(this DicomVR vr) => vr switch
    {
        DicomVR.US or DicomVR.SS or DicomVR.OW or DicomVR.AT => 2,
        DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.OF or DicomVR.OL => 4,
        DicomVR.FD or DicomVR.OD or DicomVR.SV or DicomVR.UV or DicomVR.OV => 8,
        _ => 0,
    };

    /// <summary>Byte that pads a value to even length: NUL for UI and binary data, space for other strings.</summary>
    public static byte Padding(this DicomVR vr) => vr.IsString() && vr != DicomVR.UI ? (byte)' ' : (byte)0;
}
