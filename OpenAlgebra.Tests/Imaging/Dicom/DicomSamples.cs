using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Dicom;

internal static class DicomSamples
{
    private static readonly string[] Folders = ["test_files", "charset_files"];

    /// <summary>Every DICOM file among pydicom's sample and character-set files (DICOMDIR test trees included).</summary>
    public static IEnumerable<string> All()
    {
        var root = Path.GetDirectoryName(Services.PydicomFiles)!;
        return Folders
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".dcm", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(f) == "DICOMDIR")
            .Order(StringComparer.Ordinal);
    }

    public static string File(string name) => Path.Combine(Services.PydicomFiles, name);

    /// <summary>
    /// Files pydicom reads (leniently) that this codec refuses on purpose, with the reason. The issue asks that a
    /// declared length beyond the end of the data be an error, where pydicom quietly returns a shorter value.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Refused = new Dictionary<string, string>
    {
        ["MR_truncated.dcm"] = "pixel data truncated: its declared length runs past the end of the file",
        ["rtplan_truncated.dcm"] = "truncated: an element's declared length runs past the end of the file",
        ["no_meta.dcm"] = "a stray byte shifts the whole data set; pydicom reads 1 element of it, dcmdump fails too",
    };
}
