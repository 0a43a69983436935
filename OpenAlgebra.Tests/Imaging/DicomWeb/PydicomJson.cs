using System.Diagnostics;
using System.Text.Json;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.DicomWeb;

/// <summary>pydicom's DICOM JSON (<c>Dataset.to_json_dict</c>) of files, and pydicom reading JSON back (<c>Dataset.from_json</c>).</summary>
internal static class PydicomJson
{
    /// <summary>The prefix both sides give bulk data URIs: "bulk:" and the attribute's path, e.g. bulk:00540016/0/00181072.</summary>
    public const string BulkPrefix = "bulk:";

    // The handler pydicom calls gets only the element, so the script first maps every element to its path.
    private const string ToJsonScript = """
        import json, sys, warnings
        warnings.simplefilter("ignore")
        import pydicom
        def paths(ds, prefix, out):
            for elem in ds:
                path = prefix + "%08X" % elem.tag
                out[id(elem)] = path
                if elem.VR == "SQ":
                    for i, item in enumerate(elem.value):
                        paths(item, path + "/%d/" % i, out)
        threshold = int(sys.argv[1])
        result = {}
        for path in sys.argv[2:]:
            try:
                ds = pydicom.dcmread(path, force=True)
                where = {}
                paths(ds, "", where)
                result[path] = ds.to_json_dict(bulk_data_threshold=threshold,
                                               bulk_data_element_handler=lambda e: "bulk:" + where[id(e)])
            except Exception as e:
                result[path] = {"error": [type(e).__name__, str(e)]}
        json.dump(result, sys.stdout)
        """;

    // Reads each JSON document with from_json and writes it straight back: what pydicom understood of it.
    private const string FromJsonScript = """
        import json, sys, warnings
        warnings.simplefilter("ignore")
        from pydicom.dataset import Dataset
        result = []
        for text in json.load(sys.stdin):
            ds = Dataset.from_json(text, bulk_data_uri_handler=lambda uri: None)
            result.append(ds.to_json_dict(bulk_data_threshold=1 << 30))
        json.dump(result, sys.stdout)
        """;

    /// <summary>pydicom's JSON of each file; bulk data URIs for values whose base64 text is longer than <paramref name="base64Threshold"/>.</summary>
    public static Dictionary<string, JsonElement> ToJson(IEnumerable<string> files, int base64Threshold) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Run(ToJsonScript, [base64Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture), .. files], null))!;

    /// <summary>Each document as pydicom reads it with <c>from_json</c> and writes it again.</summary>
    public static JsonElement[] RoundTrip(IEnumerable<string> documents) =>
        JsonSerializer.Deserialize<JsonElement[]>(Run(FromJsonScript, [], JsonSerializer.Serialize(documents)))!;

    private static string Run(string script, IEnumerable<string> arguments, string? input)
    {
        var python = Services.Program(Services.DebianPython, "python3-pydicom");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pydicom failed: {errors.Result}");
        return output;
    }
}
