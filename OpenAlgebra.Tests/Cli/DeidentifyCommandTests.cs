using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Compliance.Deidentification;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Cli;

public sealed class DeidentifyCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("openalgebra-deidentify-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string In => Path.Combine(_root, "in");

    private string Out => Path.Combine(_root, "out");

    [Fact]
    public async Task A_folder_is_copied_de_identified_with_its_structure_and_a_corrupt_file_is_named()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        Copy("CT_small.dcm", "study/ct/1.dcm");
        Copy("MR_small.dcm", "study/mr/deep/2.dcm");
        Copy("rtplan.dcm", "rtplan.dcm");
        File.WriteAllBytes(Path.Combine(In, "study", "broken.dcm"), File.ReadAllBytes(DicomSamples.File("CT_small.dcm"))[..700]);

        var result = await CommandRunner.RunAsync(database, "", "deidentify", In, Out);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("de-identified 3 of 4 files, 1 failed", result.Output, StringComparison.Ordinal);
        Assert.Contains($"study{Path.DirectorySeparatorChar}broken.dcm: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(["rtplan.dcm", "study/ct/1.dcm", "study/mr/deep/2.dcm"],
            Directory.EnumerateFiles(Out, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Out, f).Replace('\\', '/')).Order());
        var ct = TestPolicies.Read(Path.Combine(Out, "study", "ct", "1.dcm"));
        Assert.Equal("YES", ct.Dataset.GetString(new DicomTag(0x0012, 0x0062)));
        Assert.StartsWith("OA-", ct.Dataset.GetString(DicomTags.PatientId), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(database.DataDirectory, "keys", "deid.key")));
    }

    [Fact]
    public async Task NIfTI_files_in_the_tree_lose_header_text_and_extensions_and_become_nii_gz()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        var identified = new Imaging.Nifti.SyntheticNifti
        {
            DataType = 4,
            Dim = [3, 2, 2, 1, 1, 1, 1, 1],
            SformCode = 1,
            Srow = [2, 0, 0, -5, 0, 3, 0, 6, 0, 0, 4, 7],
            Descrip = "DOE^JANE born 19700101",
            AuxFile = "ACC-12345",
            Extensions = [(6, System.Text.Encoding.ASCII.GetBytes("{\"PatientName\": \"DOE^JANE\"}"))],
        }.WithComponents<short>(1, 2, 3, 4).Build();
        Directory.CreateDirectory(Path.Combine(In, "mri"));
        await File.WriteAllBytesAsync(Path.Combine(In, "mri", "brain.nii"), identified, Ct);
        await File.WriteAllBytesAsync(Path.Combine(In, "mri", "truncated.nii.gz"), Imaging.Nifti.SyntheticNifti.Gzip(identified)[..40], Ct);

        var result = await CommandRunner.RunAsync(database, "", "deidentify", In, Out);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"mri{Path.DirectorySeparatorChar}truncated.nii.gz: ", result.Error, StringComparison.Ordinal);
        var written = Path.Combine(Out, "mri", "brain.nii.gz");
        Assert.Equal([written], Directory.GetFiles(Out, "*", SearchOption.AllDirectories));
        var raw = Imaging.Nifti.NiftiSamples.Decompress(await File.ReadAllBytesAsync(written, Ct));
        Assert.Equal(-1, raw.AsSpan().IndexOf("DOE^JANE"u8));
        Assert.Equal(-1, raw.AsSpan().IndexOf("ACC-12345"u8));
    }

    [Fact]
    public async Task A_clean_folder_exits_0_with_the_options_applied_and_audited()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        Copy("CT_small.dcm", "1.dcm");
        Copy("MR_small.dcm", "2.dcm");
        var originalSop = TestPolicies.Read(Path.Combine(In, "1.dcm")).Dataset.GetString(DicomTags.SopInstanceUid);

        var result = await CommandRunner.RunAsync(database, "", "deidentify", In, Out, "--option", "retain-uids", "--option", "clean-descriptors");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("de-identified 2 of 2 files, 0 failed", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
        var output = TestPolicies.Read(Path.Combine(Out, "1.dcm"));
        Assert.Equal(originalSop, output.Dataset.GetString(DicomTags.SopInstanceUid));
        Assert.Equal(["113100", "113110", "113105"], Assert.IsType<DicomSequence>(output.Dataset[new DicomTag(0x0012, 0x0064)]).Items
            .Select(i => i.GetString(new DicomTag(0x0008, 0x0100))));
        var audit = await database.Get<IAuditTrail>().QueryAsync(new AuditQuery(UserName: "cli"), AuditActor.System, Ct);
        Assert.Contains(audit.Items, r => r.Detail == "deidentify: 2 de-identified, 0 failed; options: retain-uids, clean-descriptors");
    }

    [Fact]
    public async Task A_file_whose_output_the_scanner_rejects_is_not_written()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        // An allow-listed private attribute that, in this file, holds the patient's name.
        var leaky = TestPolicies.Read(DicomSamples.File("CT_small.dcm"));
        leaky.Dataset.SetString(new DicomTag(0x0009, 0x0010), DicomVR.LO, "ACME 1.0");
        leaky.Dataset.SetString(new DicomTag(0x0009, 0x1001), DicomVR.LO, "CompressedSamples");
        Directory.CreateDirectory(In);
        File.WriteAllBytes(Path.Combine(In, "leaky.dcm"), TestPolicies.Write(leaky));
        Copy("MR_small.dcm", "fine.dcm");
        database.Settings["OpenAlgebra:Deidentification:SafePrivate:0:Creator"] = "ACME 1.0";
        database.Settings["OpenAlgebra:Deidentification:SafePrivate:0:Tag"] = "(0009,xx01)";

        var result = await CommandRunner.RunAsync(database, "", "deidentify", In, Out, "--option", "retain-safe-private");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("de-identified 1 of 2 files, 1 failed", result.Output, StringComparison.Ordinal);
        Assert.Contains("leaky.dcm: not written, the PHI scanner found: (0009,1001) contains a component of the original Patient's Name",
            result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("CompressedSamples", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out, "leaky.dcm")));
        Assert.True(File.Exists(Path.Combine(Out, "fine.dcm")));
    }

    [Fact]
    public async Task A_single_file_goes_to_a_file_or_into_a_folder()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        Copy("CT_small.dcm", "ct.dcm");
        Directory.CreateDirectory(Out);

        var toFile = await CommandRunner.RunAsync(database, "", "deidentify", Path.Combine(In, "ct.dcm"), Path.Combine(_root, "ct-anon.dcm"));
        var toFolder = await CommandRunner.RunAsync(database, "", "deidentify", Path.Combine(In, "ct.dcm"), Out);

        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal(0, toFolder.ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "ct-anon.dcm")), File.ReadAllBytes(Path.Combine(Out, "ct.dcm")));
    }

    [Theory]
    [InlineData("--option", "retain-everything", "unknown option 'retain-everything'")]
    [InlineData("--option", "retain-uids", "neither a file nor a folder")]
    public async Task Bad_usage_exits_2_with_a_reason(string flag, string value, string reason)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        if (value != "retain-uids")
        {
            Copy("CT_small.dcm", "ct.dcm");
        }

        var result = await CommandRunner.RunAsync(database, "", "deidentify", In, Out, flag, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task Options_that_exclude_each_other_fail_with_a_reason()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        Copy("CT_small.dcm", "ct.dcm");

        var result = await CommandRunner.RunAsync(database, "", "deidentify", In, Out, "--option", "retain-full-dates", "--option", "retain-modified-dates");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("exclude each other", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Copy(string sample, string relative)
    {
        var target = Path.Combine(In, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(DicomSamples.File(sample), target);
    }
}
