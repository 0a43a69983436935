using System.Diagnostics;
using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Tests.Compliance.Deidentification;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Deidentification;

/// <summary>Every pydicom sample de-identifies, passes the PHI scanner, keeps its pixels, and dcmtk reads the result.</summary>
public sealed class DicomDeidentifierSampleTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("openalgebra-deid-samples-").FullName;

    public static TheoryData<string> OptionSets => ["basic", "all"];

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void Every_sample_de_identifies_scans_clean_and_dcmdump_reads_it(string optionSet)
    {
        var dcmdump = Services.Program("/usr/bin/dcmdump", "dcmtk");
        var policy = optionSet == "basic"
            ? TestPolicies.Policy()
            : TestPolicies.Policy(Enum.GetValues<ProfileOption>().Where(o => o != ProfileOption.RetainFullDates).ToArray());
        var problems = new List<string>();
        var files = DicomSamples.All().Where(f => !DicomSamples.Refused.ContainsKey(Path.GetFileName(f))).ToList();
        foreach (var (file, index) in files.Select((f, i) => (f, i)))
        {
            var name = Path.GetRelativePath(Path.GetDirectoryName(Services.PydicomFiles)!, file);
            var input = TestPolicies.Read(file);
            var result = TestPolicies.Deidentifier.Deidentify(input, policy);
            problems.AddRange(TestPolicies.Scanner.Scan(result.File, policy, result.Original).Select(f => $"{name}: {f.Path} {f.Reason}"));

            var written = Path.Combine(_output, $"{index}.dcm");
            File.WriteAllBytes(written, TestPolicies.Write(result.File));
            var reread = TestPolicies.Read(written);
            problems.AddRange(Check(name, input, reread));
            if (Dcmdump(dcmdump, written) is { } error)
            {
                problems.Add($"{name}: dcmdump: {error}");
            }
        }

        Assert.True(files.Count > 80, $"only {files.Count} samples found");
        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(40)));
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);

    /// <summary>The marks PS3.15 asks for, new meta and preamble, and the pixel data byte for byte.</summary>
    private static IEnumerable<string> Check(string name, DicomFile input, DicomFile output)
    {
        var dataset = output.Dataset;
        if (dataset.GetString(new DicomTag(0x0012, 0x0062)) != "YES" || dataset[new DicomTag(0x0012, 0x0064)] is not DicomSequence { Items.Count: > 0 }
            || dataset.GetString(new DicomTag(0x0028, 0x0303)) is not ("REMOVED" or "MODIFIED"))
        {
            yield return $"{name}: PS3.15 E.1.1 marks missing";
        }

        if (output.Preamble is not { } preamble || preamble.Any(b => b != 0))
        {
            yield return $"{name}: preamble not zero";
        }

        var meta = output.FileMetaInformation;
        if (meta.GetString(DicomTags.ImplementationClassUid) != "2.25.192706337787210291251383829022662351277")
        {
            yield return $"{name}: implementation class UID not ours";
        }

        if (dataset.GetString(DicomTags.SopInstanceUid) is { Length: > 0 } sop && meta.GetString(DicomTags.MediaStorageSopInstanceUid) != sop)
        {
            yield return $"{name}: Media Storage SOP Instance UID is not the new SOP Instance UID";
        }

        if (!SamePixels(input.Dataset[DicomTags.PixelData], dataset[DicomTags.PixelData]))
        {
            yield return $"{name}: pixel data changed";
        }
    }

    private static bool SamePixels(DicomElement? before, DicomElement? after) => (before, after) switch
    {
        (null, null) => true,
        (DicomValueElement a, DicomValueElement b) => Bytes(a.Value).SequenceEqual(Bytes(b.Value)),
        (DicomFragments a, DicomFragments b) => a.Fragments.Count == b.Fragments.Count
            && Bytes(a.OffsetTable).SequenceEqual(Bytes(b.OffsetTable))
            && a.Fragments.Zip(b.Fragments).All(p => Bytes(p.First).SequenceEqual(Bytes(p.Second))),
        _ => false,
    };

    private static byte[] Bytes(DicomBuffer buffer)
    {
        using var stream = buffer.OpenRead();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Null when dcmdump exits 0 without an error line; otherwise what it said.</summary>
    private static string? Dcmdump(string dcmdump, string file)
    {
        var start = new ProcessStartInfo(dcmdump) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var lines = (output.Result + "\n" + error).Split('\n').Where(l => l.StartsWith("E:", StringComparison.Ordinal)).ToList();
        return process.ExitCode == 0 && lines.Count == 0 ? null : $"exit {process.ExitCode} {string.Join(" | ", lines.Take(3))}";
    }
}
