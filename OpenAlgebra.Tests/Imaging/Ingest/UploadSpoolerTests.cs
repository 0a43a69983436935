using System.Text;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Imaging.Nifti;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Ingest;

public sealed class UploadSpoolerTests
{
    private static readonly byte[] Text = "Patient notes, not an image.\n"u8.ToArray();

    [Fact]
    public async Task A_mixed_upload_yields_every_file_with_its_kind_and_knows_fields_sent_after_the_files()
    {
        var ct = File.ReadAllBytes(DicomSamples.File("CT_small.dcm"));
        var mr = File.ReadAllBytes(DicomSamples.File("MR_small.dcm"));
        var dicomdir = File.ReadAllBytes(Path.Combine(Services.PydicomFiles, "dicomdirtests", "DICOMDIR"));
        var nifti = SyntheticNifti.Gzip(new SyntheticNifti { Data = new byte[8] }.Build());
        var zip = TestZips.Create(("series1/", []), ("series1/IM0001", ct), ("series2/sub/IM0002.dcm", mr), ("DICOMDIR", dicomdir),
            ("series2/dicomdir", dicomdir), ("__MACOSX/series1/._IM0001", Text), ("readme.txt", Text));
        using var harness = new SpoolerHarness();

        var (upload, items) = await harness.ReadAsync(new MultipartBody()
            .File("CT_small.dcm", ct, "application/dicom")
            .File("MR_small.dcm", mr)
            .File("brain.nii.gz", nifti)
            .File("study.zip", zip, "application/zip")
            .File("notes.dcm", Text)
            .Field("modality", "MR")
            .Field("patientLabel", "Jane Doe"));
        using (upload)
        {
            Assert.Equal(
                [
                    ("CT_small.dcm", UploadFileKind.Dicom), ("MR_small.dcm", UploadFileKind.Dicom), ("brain.nii.gz", UploadFileKind.Nifti),
                    ("study.zip/series1/IM0001", UploadFileKind.Dicom), ("study.zip/series2/sub/IM0002.dcm", UploadFileKind.Dicom),
                    ("study.zip/readme.txt", UploadFileKind.Other), ("notes.dcm", UploadFileKind.Other),
                ],
                items.Cast<UploadedFile>().Select(f => (f.Name, f.Kind)));
            var files = items.Cast<UploadedFile>().ToList();
            Assert.Equal([ct, mr, nifti, ct, mr, Text, Text], files.Select(f => File.ReadAllBytes(f.Path)));
            Assert.Equal(files.Select(f => (long)File.ReadAllBytes(f.Path).Length), files.Select(f => f.Length));
            Assert.Equal(["application/dicom", "application/octet-stream", "application/octet-stream", null, null, null, "application/octet-stream"],
                files.Select(f => f.ContentType));
            Assert.All(files, f => Assert.StartsWith(harness.Spooler.TempRoot + Path.DirectorySeparatorChar, f.Path, StringComparison.Ordinal));
            Assert.All(files, f => Assert.EndsWith(".part", f.Path, StringComparison.Ordinal));
            Assert.Equal(Path.Combine(harness.DataDirectory, "tmp", "uploads"), harness.Spooler.TempRoot);
            Assert.Equal(("MR", "Jane Doe", 5), (upload.Modality, upload.PatientLabel, upload.FileCount));
            Assert.Equal("MR", upload.Fields["MODALITY"]);
            // The archive's own temp file went once it was read: only the leased files are left.
            Assert.Equal(files.Select(f => f.Path).Order(), harness.TempFiles.Order());
        }

        Assert.Empty(harness.TempFiles);
        Assert.Empty(harness.LeftOver);
    }

    [Fact]
    public async Task Disposing_a_lease_deletes_its_file_and_disposing_it_after_the_upload_is_harmless()
    {
        using var harness = new SpoolerHarness();
        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("a.dcm", Text).File("b.dcm", Text));
        var (a, b) = (Assert.IsType<UploadedFile>(items[0]), Assert.IsType<UploadedFile>(items[1]));

        a.Dispose();
        Assert.Equal([b.Path], harness.TempFiles);
        upload.Dispose();
        b.Dispose();
        Assert.Empty(harness.TempFiles);
    }

    [Fact]
    public async Task Temp_files_are_readable_by_the_service_account_only()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only.");
            return;
        }

        using var harness = new SpoolerHarness();
        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("a.dcm", Text).File("z.zip", TestZips.Create(("b.dcm", Text))));
        using (upload)
        {
            foreach (var file in items.Cast<UploadedFile>())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file.Path)!));
            }
        }
    }

    [Fact]
    public async Task Parts_without_a_content_disposition_are_files_as_STOW_RS_sends_them()
    {
        var ct = File.ReadAllBytes(DicomSamples.File("CT_small.dcm"));
        using var harness = new SpoolerHarness();
        var body = new MultipartBody { ContentType = $"multipart/related; type=\"application/dicom\"; boundary={MultipartBody.Boundary}" }
            .Part("Content-Type: application/dicom", ct)
            .Part("Content-Type: application/dicom", ct);

        var (upload, items) = await harness.ReadAsync(body);
        using (upload)
        {
            Assert.Equal([("(part 1)", UploadFileKind.Dicom, "application/dicom"), ("(part 2)", UploadFileKind.Dicom, "application/dicom")],
                items.Cast<UploadedFile>().Select(f => (f.Name, f.Kind, f.ContentType)));
        }
    }

    [Fact]
    public async Task An_empty_file_input_is_ignored_and_an_empty_named_file_is_reported()
    {
        using var harness = new SpoolerHarness();
        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("", []).File("empty.dcm", []).File("a.dcm", Text));
        using (upload)
        {
            Assert.Equal("empty.dcm: is empty", Assert.IsType<RejectedFile>(items[0]).ToString());
            Assert.Equal("a.dcm", Assert.IsType<UploadedFile>(items[1]).Name);
            Assert.Equal(2, items.Count);
        }
    }

    [Fact]
    public async Task Names_are_shown_as_given_but_with_control_and_direction_characters_replaced()
    {
        using var harness = new SpoolerHarness();
        var body = new MultipartBody()
            .Part("Content-Disposition: form-data; name=\"files\"; filename=\"scan\u202Egpj.dcm\"", Text)
            .Part("Content-Disposition: form-data; name=\"files\"; filename*=UTF-8''r%C3%B6ntgen%0Aeins.dcm", Text)
            .Part("Content-Disposition: form-data; name=\"files\"; filename=\"C:\\Users\\me\\x.dcm\"", Text);

        var (upload, items) = await harness.ReadAsync(body);
        using (upload)
        {
            Assert.Equal(["scan_gpj.dcm", "röntgen_eins.dcm", "C:\\Users\\me\\x.dcm"], items.Select(i => i.Name));
        }
    }

    [Fact]
    public async Task A_body_past_the_request_limit_throws_naming_the_key_and_leaves_no_temp_file()
    {
        using var harness = new SpoolerHarness(o => o.MaxRequestBytes = 64 << 10);
        var body = new MultipartBody().File("a.dcm", Text).File("big.dcm", new byte[100 << 10]);

        var e = await Assert.ThrowsAsync<UploadTooLargeException>(() => harness.SpoolAsync(body));

        Assert.Equal(("OpenAlgebra:Upload:MaxRequestBytes", 64L << 10), (e.ConfigurationKey, e.Limit));
        Assert.Equal("The upload is larger than 64 KiB (OpenAlgebra:Upload:MaxRequestBytes).", e.Message);
        Assert.Empty(harness.LeftOver);
    }

    [Fact]
    public async Task A_file_past_the_file_limit_throws_naming_the_file_while_an_archive_is_bounded_by_the_request_only()
    {
        using var harness = new SpoolerHarness(o => o.MaxFileBytes = 10 << 10);
        var big = new byte[20 << 10];
        Random.Shared.NextBytes(big);

        var e = await Assert.ThrowsAsync<UploadTooLargeException>(() => harness.SpoolAsync(new MultipartBody().File("a.dcm", Text).File("big.dcm", big)));
        Assert.Equal("The file 'big.dcm' is larger than 10 KiB (OpenAlgebra:Upload:MaxFileBytes).", e.Message);
        Assert.Equal("OpenAlgebra:Upload:MaxFileBytes", e.ConfigurationKey);
        Assert.Empty(harness.TempFiles);

        var zip = TestZips.Create(System.IO.Compression.CompressionLevel.NoCompression, ("big.dcm", big), ("small.dcm", Text));
        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("big.zip", zip));
        using (upload)
        {
            Assert.Equal("big.zip/big.dcm: is larger than 10 KiB (OpenAlgebra:Upload:MaxFileBytes)", Assert.IsType<RejectedFile>(items[0]).ToString());
            Assert.Equal("big.zip/small.dcm", Assert.IsType<UploadedFile>(items[1]).Name);
        }
    }

    [Fact]
    public async Task More_file_parts_than_allowed_throw_naming_the_key_and_fields_do_not_count()
    {
        using var harness = new SpoolerHarness(o => o.MaxFiles = 2);
        using (await harness.SpoolAsync(new MultipartBody().Field("modality", "CT").File("a", Text).File("b", Text).Field("patientLabel", "x")))
        {
        }

        var e = await Assert.ThrowsAsync<UploadTooLargeException>(() => harness.SpoolAsync(new MultipartBody().File("a", Text).File("b", Text).File("c", Text)));
        Assert.Equal(("The upload has more than 2 files (OpenAlgebra:Upload:MaxFiles).", 2L), (e.Message, e.Limit));
        Assert.Empty(harness.TempFiles);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "application/json", "{}", "An upload must be multipart/form-data or multipart/related, not 'application/json'." },
        { "multipart/form-data", "", "The Content-Type needs a boundary of 1 to 70 characters." },
        { $"multipart/form-data; boundary={new string('b', 71)}", "", "The Content-Type needs a boundary of 1 to 70 characters." },
        { Form, $"--{MultipartBody.Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.dcm\"\r\n\r\nhalf a fi",
            "The multipart body ends before its closing boundary: the upload was cut short or is not multipart." },
        { Form, "", "The multipart body ends before its closing boundary: the upload was cut short or is not multipart." },
        { Form, $"--{MultipartBody.Boundary}\r\nNo colon here\r\n\r\nx\r\n--{MultipartBody.Boundary}--\r\n",
            "The multipart body is malformed: Invalid header line: No colon here" },
        { Form, Fields(("modality", "CT"), ("Modality", "MR")), "The form field 'Modality' is sent twice; send each field once." },
        { Form, Fields(("modality", new string('x', 20_000))),
            "The form field 'modality' is longer than 16 KiB: fields carry short values such as the modality; files go in file parts." },
        { Form, Fields(("", "x")), "A form field has no name." },
        { Form, Fields([.. Enumerable.Range(0, 65).Select(n => ($"f{n}", "x"))]), "The upload has more than 64 form fields." },
    };

    private static string Form => $"multipart/form-data; boundary={MultipartBody.Boundary}";

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_body_that_is_not_usable_multipart_throws_saying_what_is_wrong(string contentType, string body, string message)
    {
        using var harness = new SpoolerHarness();
        var e = await Assert.ThrowsAsync<UploadFormatException>(() =>
            harness.Spooler.SpoolAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), contentType, TestContext.Current.CancellationToken));

        Assert.Equal(message, e.Message);
        Assert.Empty(harness.TempFiles);
    }

    [Fact]
    public async Task A_field_that_is_not_UTF8_is_refused()
    {
        using var harness = new SpoolerHarness();
        var body = new MultipartBody().Part("Content-Disposition: form-data; name=\"modality\"", [0xC3, 0x28]);

        var e = await Assert.ThrowsAsync<UploadFormatException>(() => harness.SpoolAsync(body));
        Assert.Equal("The form field 'modality' is not UTF-8 text.", e.Message);
    }

    [Fact]
    public async Task A_cancelled_upload_leaves_no_temp_file()
    {
        using var harness = new SpoolerHarness();
        using var cancel = new CancellationTokenSource();
        var body = new MultipartBody().File("a.dcm", Text).File("b.dcm", new byte[1 << 20]).Build();
        var stream = new CancellingStream(body, cancelAfter: body.Length / 2, cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Spooler.SpoolAsync(stream, $"multipart/form-data; boundary={MultipartBody.Boundary}", cancel.Token));
        Assert.Empty(harness.LeftOver);
    }

    [Fact]
    public async Task Disposing_the_upload_midway_through_an_archive_deletes_every_temp_file()
    {
        using var harness = new SpoolerHarness();
        var zip = TestZips.Create(("a.dcm", Text), ("b.dcm", Text), ("c.dcm", Text));
        var upload = await harness.SpoolAsync(new MultipartBody().File("x.dcm", Text).File("z.zip", zip).File("y.dcm", Text));
        var seen = 0;
        await foreach (var item in upload.ReadFilesAsync(TestContext.Current.CancellationToken))
        {
            if (++seen == 3)
            {
                break;
            }
        }

        Assert.NotEmpty(harness.TempFiles);
        upload.Dispose();
        Assert.Empty(harness.LeftOver);
    }

    [Fact]
    public async Task The_files_of_an_upload_can_be_read_once()
    {
        using var harness = new SpoolerHarness();
        var (upload, _) = await harness.ReadAsync(new MultipartBody().File("a.dcm", Text));
        using (upload)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            {
                await foreach (var item in upload.ReadFilesAsync(TestContext.Current.CancellationToken))
                {
                    Assert.Fail($"read {item.Name} twice");
                }
            });
        }
    }

    private static string Fields(params (string Name, string Value)[] fields) =>
        Encoding.UTF8.GetString(fields.Aggregate(new MultipartBody(), (body, f) => body.Field(f.Name, f.Value)).Build());

    /// <summary>A body that cancels the upload once it has handed out half its bytes.</summary>
    private sealed class CancellingStream(byte[] bytes, long cancelAfter, CancellationTokenSource cancel) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= cancelAfter)
            {
                cancel.Cancel();
            }

            return base.ReadAsync(buffer, cancellationToken);
        }
    }
}
