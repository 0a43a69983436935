using System.Text;
using System.Text.Json;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.DicomWeb;
using OpenAlgebra.Tests.Imaging.Dicom;

namespace OpenAlgebra.Tests.Imaging.DicomWeb;

/// <summary>DICOM JSON of every pydicom sample file this codec reads: against pydicom's, and read back by both.</summary>
public sealed class DicomJsonSampleTests
{
    private static readonly DicomCodec Codec = new();

    /// <summary>Files pydicom cannot write as JSON, and what this writer does instead (checked below).</summary>
    private static readonly Dictionary<string, string> PydicomFails = new()
    {
        ["badVR.dcm"] = "Number of Frames (IS) is '1A': pydicom raises; F.2.3 lets the value go as the JSON string it is",
    };

    /// <summary>Our threshold in bytes, and pydicom's in base64 characters: equivalent for a multiple of 3 (4 characters per 3 bytes).</summary>
    public static TheoryData<int> Thresholds => [48, 768];

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void Our_json_equals_pydicoms_for_every_sample(int threshold)
    {
        var files = Samples().ToList();
        var expected = PydicomJson.ToJson(files, threshold / 3 * 4);
        var options = Options(threshold);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (expected[file].TryGetProperty("error", out var error) != PydicomFails.ContainsKey(name))
            {
                problems.Add($"{name}: pydicom error {error}, expected {(PydicomFails.TryGetValue(name, out var why) ? why : "none")}");
                continue;
            }

            if (PydicomFails.ContainsKey(name))
            {
                continue;
            }

            var dicom = Read(file);
            var ours = JsonDocument.Parse(DicomJson.ToUtf8Bytes(dicom.Dataset, options)).RootElement;
            problems.AddRange(DicomJsonComparison.Differences(name, expected[file], ours, SourceOf(dicom)));
        }

        Assert.True(problems.Count == 0, $"{problems.Count} differences:\n" + string.Join('\n', problems.Take(60)));
    }

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void Our_reader_reads_pydicoms_json_back_to_the_data_set_of_the_file(int threshold)
    {
        var files = Samples().Where(f => !PydicomFails.ContainsKey(Path.GetFileName(f))).ToList();
        var pydicom = PydicomJson.ToJson(files, threshold / 3 * 4);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var dicom = Read(file);
            var readBack = DicomJson.Read(Encoding.UTF8.GetBytes(pydicom[file].GetRawText()));
            var expect = new DicomDatasetComparison.Expectations(Options(threshold).BulkDataUri, FromPydicom: true, dicom.TransferSyntax.BigEndian);
            problems.AddRange(DicomDatasetComparison.Differences(Path.GetFileName(file), dicom.Dataset, readBack, expect));
        }

        Assert.True(problems.Count == 0, $"{problems.Count} differences:\n" + string.Join('\n', problems.Take(60)));
    }

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void Our_reader_reads_our_json_back_to_the_data_set_of_the_file(int threshold)
    {
        var problems = new List<string>();
        foreach (var file in Samples())
        {
            var dicom = Read(file);
            var options = Options(threshold);
            var readBack = DicomJson.Read(DicomJson.ToUtf8Bytes(dicom.Dataset, options));
            var expect = new DicomDatasetComparison.Expectations(options.BulkDataUri, FromPydicom: false, dicom.TransferSyntax.BigEndian);
            problems.AddRange(DicomDatasetComparison.Differences(Path.GetFileName(file), dicom.Dataset, readBack, expect));
        }

        Assert.True(problems.Count == 0, $"{problems.Count} differences:\n" + string.Join('\n', problems.Take(60)));
    }

    [Fact]
    public void Pydicom_reads_our_json_and_writes_it_again_unchanged()
    {
        var files = Samples().Where(f => !PydicomFails.ContainsKey(Path.GetFileName(f))).ToList();
        var ours = files.Select(f => Encoding.UTF8.GetString(DicomJson.ToUtf8Bytes(Read(f).Dataset))).ToList();
        var again = PydicomJson.RoundTrip(ours);
        var problems = new List<string>();
        var noQuirks = new DicomJsonComparison.Source(Encapsulated: false, BigEndian: false, PixelWordSize: 1);
        for (var i = 0; i < files.Count; i++)
        {
            problems.AddRange(DicomJsonComparison.Differences(Path.GetFileName(files[i]), again[i], JsonDocument.Parse(ours[i]).RootElement, noQuirks));
        }

        Assert.True(problems.Count == 0, $"{problems.Count} differences:\n" + string.Join('\n', problems.Take(60)));
    }

    [Fact]
    public void An_integer_string_that_is_not_a_number_is_written_as_a_string()
    {
        var json = JsonDocument.Parse(DicomJson.ToUtf8Bytes(Read(DicomSamples.File("badVR.dcm")).Dataset)).RootElement;
        Assert.Equal("""{"vr":"IS","Value":["1A"]}""", json.GetProperty("00280008").GetRawText());
        Assert.Equal("""{"vr":"IS","Value":[1]}""", json.GetProperty("00200011").GetRawText());
        Assert.Equal("""{"vr":"IS"}""", json.GetProperty("00200013").GetRawText());
    }

    private static DicomJsonOptions Options(int threshold) => new()
    {
        BulkDataThreshold = threshold,
        BulkDataUri = path => PydicomJson.BulkPrefix + path,
    };

    private static DicomFile Read(string file)
    {
        using var stream = File.OpenRead(file);
        return Codec.Read(stream);
    }

    private static DicomJsonComparison.Source SourceOf(DicomFile file) => new(
        file.TransferSyntax.Encapsulated,
        file.TransferSyntax.BigEndian,
        (int)(file.Dataset.GetNumber(DicomTags.BitsAllocated) ?? 8) / 8);

    private static IEnumerable<string> Samples() =>
        DicomSamples.All().Where(f => !DicomSamples.Refused.ContainsKey(Path.GetFileName(f)));
}
