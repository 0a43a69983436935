namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>How files this platform writes identify their writer in the File Meta Information.</summary>
internal static class DicomImplementation
{
    /// <summary>Implementation Class UID (0002,0012): a 2.25 UID from a UUID generated once for OpenAlgebra.</summary>
    public const string ClassUid = "2.25.192706337787210291251383829022662351277";

    /// <summary>Implementation Version Name (0002,0013): SH, so at most 16 characters.</summary>
    public static string VersionName(string productVersion)
    {
        var name = "OA_" + productVersion;
        return name.Length <= 16 ? name : name[..16];
    }
}
