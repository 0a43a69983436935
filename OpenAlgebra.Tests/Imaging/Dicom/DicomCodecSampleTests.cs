using System.Globalization;
using System.Text.Json;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Tests.Imaging.Dicom;

/// <summary>The codec against pydicom's own sample files, with pydicom as the referee.</summary>
public sealed class DicomCodecSampleTests
{
    /// <summary>Files whose rewrite differs from the input, and why that is right.</summary>
    private static readonly Dictionary<string, string> NotByteExact = new()
    {
        ["ExplVR_BigEndNoMeta.dcm"] = "no preamble or meta: the writer adds them",
        ["ExplVR_LitEndNoMeta.dcm"] = "no preamble or meta: the writer adds them",
        ["rtstruct.dcm"] = "no preamble or meta: the writer adds them",
        ["meta_missing_tsyntax.dcm"] = "meta lacks the transfer syntax: the writer adds it",
        ["no_meta_group_length.dcm"] = "meta lacks its group length: the writer adds it",
        ["image_dfl.dcm"] = "deflated: the same data set compresses to other bytes",
        ["SC_rgb_jpeg.dcm"] = "encoded implicit under an explicit syntax: rewritten as declared",
    };

    private static readonly DicomCodec Codec = new();

    [Fact]
    public void Every_sample_pydicom_reads_reads_here_with_the_same_elements_and_values()
    {
        var files = DicomSamples.All().ToList();
        var expected = PydicomDump.Read(files);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            DicomFile dicom;
            try
            {
                using var stream = File.OpenRead(file);
                dicom = Codec.Read(stream);
            }
            catch (DicomFormatException e)
            {
                if (!DicomSamples.Refused.ContainsKey(name))
                {
                    problems.Add($"{name}: refused: {e.Message}");
                }

                continue;
            }

            if (DicomSamples.Refused.ContainsKey(name))
            {
                problems.Add($"{name}: expected a DicomFormatException ({DicomSamples.Refused[name]})");
                continue;
            }

            problems.AddRange(Compare(name, expected[file], Dump(dicom.Dataset)));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(40)));
    }

    [Fact]
    public void Writing_an_unmodified_file_gives_back_its_bytes()
    {
        var problems = new List<string>();
        foreach (var file in DicomSamples.All().Where(f => !DicomSamples.Refused.ContainsKey(Path.GetFileName(f))))
        {
            var original = File.ReadAllBytes(file);
            var written = Rewrite(original);
            var same = original.AsSpan().SequenceEqual(written);
            if (same == NotByteExact.ContainsKey(Path.GetFileName(file)))
            {
                problems.Add($"{Path.GetFileName(file)}: byte-exact={same}, expected {!same}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void A_rewritten_file_reads_back_to_the_same_data_set_in_every_native_syntax()
    {
        DicomTransferSyntax[] syntaxes =
        [
            DicomTransferSyntax.ImplicitVRLittleEndian, DicomTransferSyntax.ExplicitVRLittleEndian,
            DicomTransferSyntax.ExplicitVRBigEndian, DicomTransferSyntax.DeflatedExplicitVRLittleEndian,
        ];
        foreach (var name in new[] { "CT_small.dcm", "MR_small_bigendian.dcm", "rtplan.dcm", "image_dfl.dcm", "nested_priv_SQ.dcm" })
        {
            var original = Codec.Read(File.OpenRead(DicomSamples.File(name)));
            var before = Dump(original.Dataset);
            foreach (var syntax in syntaxes)
            {
                original.TransferSyntax = syntax;
                var stream = new MemoryStream();
                Codec.Write(original, stream);
                stream.Position = 0;
                var again = Codec.Read(stream);
                Assert.Equal(syntax.Uid, again.TransferSyntax.Uid);
                var problems = Compare($"{name} as {syntax.Name}", before, Dump(again.Dataset)).ToList();
                Assert.True(problems.Count == 0, string.Join('\n', problems.Take(10)));
            }
        }
    }

    private static byte[] Rewrite(byte[] bytes)
    {
        var output = new MemoryStream();
        Codec.Write(Codec.Read(new MemoryStream(bytes)), output);
        return output.ToArray();
    }

    /// <summary>This codec's view of a data set in the shape of <see cref="PydicomDump"/>.</summary>
    internal static Dictionary<string, JsonElement> Dump(DicomDataset dataset)
    {
        var result = new Dictionary<string, object?[]>();
        Walk(dataset, "", result);
        return result.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value));
    }

    private static void Walk(DicomDataset dataset, string prefix, Dictionary<string, object?[]> into)
    {
        foreach (var element in dataset)
        {
            var key = prefix + element.Tag.ToString();
            switch (element)
            {
                case DicomSequence sequence:
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        Walk(sequence.Items[i], $"{key}[{i}].", into);
                    }

                    into[key] = ["SQ", sequence.Items.Count];
                    break;
                case DicomValueElement value when value.VR.IsString() && value.VR is not (DicomVR.DS or DicomVR.IS):
                    into[key] = [value.VR.Code(), dataset.GetString(value.Tag)];
                    break;
                case DicomValueElement value when value.VR is DicomVR.US or DicomVR.SS or DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.FD or DicomVR.SV or DicomVR.UV:
                    into[key] = [value.VR.Code(), dataset.GetNumbers(value.Tag)];
                    break;
                default:
                    into[key] = [element.VR.Code(), null];
                    break;
            }
        }
    }

    private static IEnumerable<string> Compare(string file, Dictionary<string, JsonElement> expected, Dictionary<string, JsonElement> actual)
    {
        if (expected.TryGetValue("error", out var error))
        {
            yield return $"{file}: pydicom could not read it ({error}) but this codec did";
            yield break;
        }

        foreach (var (key, want) in expected)
        {
            if (!actual.TryGetValue(key, out var got))
            {
                // pydicom keeps a UN sequence as bytes; this codec parses its items, so only the sequence itself matches.
                if (!key.Contains('[', StringComparison.Ordinal) || !IsInsideUnknown(key, expected))
                {
                    yield return $"{file} {key}: missing (pydicom: {want})";
                }

                continue;
            }

            var wantVR = want[0].GetString();
            // Implicit-VR private elements are UN here; pydicom types some of them from its private dictionaries.
            if (wantVR is "SQ" or "UN" or "OB" or "OW" || want[1].ValueKind == JsonValueKind.Null || got[0].GetString() == "UN")
            {
                continue;
            }

            if (want[1].ValueKind == JsonValueKind.String)
            {
                var gotText = got[1].ValueKind == JsonValueKind.String ? got[1].GetString() : got[1].ToString();
                if (want[1].GetString() != gotText)
                {
                    yield return $"{file} {key} {wantVR}: '{want[1].GetString()}' != '{gotText}'";
                }
            }
            else if (want[1].ValueKind == JsonValueKind.Array)
            {
                var a = want[1].EnumerateArray().Select(e => e.GetDouble()).ToArray();
                var b = got[1].ValueKind == JsonValueKind.Array ? got[1].EnumerateArray().Select(e => e.GetDouble()).ToArray() : [];
                if (a.Length != b.Length || a.Zip(b).Any(p => Math.Abs(p.First - p.Second) > 1e-6 * Math.Max(1, Math.Abs(p.First))))
                {
                    yield return $"{file} {key} {wantVR}: [{string.Join(",", a.Select(x => x.ToString(CultureInfo.InvariantCulture)))}] != [{string.Join(",", b.Select(x => x.ToString(CultureInfo.InvariantCulture)))}]";
                }
            }
        }
    }

    private static bool IsInsideUnknown(string key, Dictionary<string, JsonElement> expected)
    {
        var outer = key[..key.IndexOf('[', StringComparison.Ordinal)];
        return expected.TryGetValue(outer, out var e) && e[0].GetString() == "UN";
    }
}
