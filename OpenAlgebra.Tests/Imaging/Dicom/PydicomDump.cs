using System.Diagnostics;
using System.Text.Json;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Dicom;

/// <summary>What pydicom reads from a file, element by element, to hold this codec against.</summary>
internal static class PydicomDump
{
    // Walks every data set and item; strings as pydicom decodes them (with the file's character set), numbers as numbers.
    private const string Script = """
        import json, sys, warnings
        warnings.simplefilter("ignore")
        import pydicom
        from pydicom.multival import MultiValue
        STRING_VRS = {"AE","AS","CS","DA","DT","LO","LT","PN","SH","ST","TM","UC","UI","UR","UT"}
        NUMBER_VRS = {"US","SS","UL","SL","FL","FD","SV","UV"}
        def walk(ds, prefix, out):
            for elem in ds:
                key = prefix + "(%04X,%04X)" % (elem.tag.group, elem.tag.element)
                if elem.VR == "SQ":
                    for i, item in enumerate(elem.value):
                        walk(item, key + "[%d]." % i, out)
                    out[key] = ["SQ", len(elem.value)]
                elif elem.VR in STRING_VRS:
                    v = elem.value
                    if v is None: v = ""
                    elif isinstance(v, MultiValue): v = "\\".join(str(x) for x in v)
                    else: v = str(v)
                    out[key] = [elem.VR, v]
                elif elem.VR in NUMBER_VRS:
                    v = elem.value
                    if v is None or v == b"" : v = []
                    elif isinstance(v, (list, MultiValue)): v = [float(x) for x in v]
                    else: v = [float(v)]
                    out[key] = [elem.VR, v]
                else:
                    out[key] = [elem.VR, None]
        result = {}
        for path in sys.argv[1:]:
            try:
                ds = pydicom.dcmread(path, force=True)
                out = {}
                walk(ds, "", out)
                result[path] = out
            except Exception as e:
                result[path] = {"error": [type(e).__name__, str(e)]}
        json.dump(result, sys.stdout)
        """;

    public static Dictionary<string, Dictionary<string, JsonElement>> Read(IEnumerable<string> files)
    {
        var python = Services.Program(Services.DebianPython, "python3-pydicom");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start)!;
        var json = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pydicom dump failed: {error}");
        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, JsonElement>>>(json)!;
    }
}
