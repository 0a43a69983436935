using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Imaging.Nifti;

namespace OpenAlgebra.Tests.Imaging.Ingest;

/// <summary>Files that arrive one stream each (the upload page): the same sniffing, archives and limits as a multipart upload.</summary>
public sealed class StreamedUploadTests
{
    private static readonly byte[] Text = "Patient notes, not an image.\n"u8.ToArray();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_stream_yields_its_file_or_its_archive_entries_with_their_kinds_and_bytes()
    {
        var ct = File.ReadAllBytes(DicomSamples.File("CT_small.dcm"));
        var nifti = SyntheticNifti.Gzip(new SyntheticNifti { Data = new byte[8] }.Build());
        var zip = TestZips.Create(("series/IM0001", ct), ("readme.txt", Text));
        using var harness = new SpoolerHarness();
        using var upload = harness.Spooler.BeginStreamed();

        var items = new List<UploadItem>();
        foreach (var (name, bytes) in new[] { ("CT_small.dcm", ct), ("brain.nii.gz", nifti), ("study.zip", zip), ("notes.dcm", Text), ("empty.dcm", []) })
        {
            items.AddRange(await upload.AddAsync(name, new ForwardOnlyStream(bytes), Ct));
        }

        var files = items.OfType<UploadedFile>().ToList();
        Assert.Equal(
            [("CT_small.dcm", UploadFileKind.Dicom), ("brain.nii.gz", UploadFileKind.Nifti), ("study.zip/series/IM0001", UploadFileKind.Dicom),
                ("study.zip/readme.txt", UploadFileKind.Other), ("notes.dcm", UploadFileKind.Other)],
            files.Select(f => (f.Name, f.Kind)));
        Assert.Equal([ct, nifti, ct, Text, Text], files.Select(f => File.ReadAllBytes(f.Path)));
        Assert.Equal(["empty.dcm: is empty"], items.OfType<RejectedFile>().Select(r => r.ToString()));
        Assert.Equal(ct.Length + nifti.Length + zip.Length + Text.Length, upload.Bytes);
        Assert.Equal(files.Select(f => f.Path).Order(), harness.TempFiles.Order());

        files[0].Dispose();
        Assert.Equal(4, harness.TempFiles.Count);
        upload.Dispose();
        Assert.Empty(harness.TempFiles);
    }

    [Fact]
    public async Task A_file_over_the_file_limit_is_rejected_with_the_key_and_the_upload_goes_on()
    {
        using var harness = new SpoolerHarness(o => o.MaxFileBytes = 1000);
        using var upload = harness.Spooler.BeginStreamed();
        var big = new byte[5000];
        new Random(7).NextBytes(big);

        var refused = Assert.IsType<RejectedFile>(Assert.Single(await upload.AddAsync("big.dcm", new ForwardOnlyStream(big), Ct)));
        var small = Assert.IsType<UploadedFile>(Assert.Single(await upload.AddAsync("small.dcm", new ForwardOnlyStream(Text), Ct)));

        Assert.Equal("big.dcm: is larger than 1,000 bytes (OpenAlgebra:Upload:MaxFileBytes); the rest of it was not read", refused.ToString());
        Assert.Equal([small.Path], harness.TempFiles);
    }

    [Fact]
    public async Task The_byte_and_file_limits_hold_over_the_whole_upload_and_name_their_keys()
    {
        using var harness = new SpoolerHarness(o =>
        {
            o.MaxRequestBytes = 2 * Text.Length + 10;
            o.MaxFiles = 3;
        });
        using (var upload = harness.Spooler.BeginStreamed())
        {
            await upload.AddAsync("1.dcm", new ForwardOnlyStream(Text), Ct);
            await upload.AddAsync("2.dcm", new ForwardOnlyStream(Text), Ct);
            var tooMuch = await Assert.ThrowsAsync<UploadTooLargeException>(() => upload.AddAsync("3.dcm", new ForwardOnlyStream(Text), Ct));
            Assert.Equal("OpenAlgebra:Upload:MaxRequestBytes", tooMuch.ConfigurationKey);
            Assert.Equal(2, harness.TempFiles.Count);
        }

        harness.Options.MaxRequestBytes = 1 << 20;
        using (var upload = harness.Spooler.BeginStreamed())
        {
            for (var i = 0; i < 3; i++)
            {
                await upload.AddAsync($"{i}.dcm", new ForwardOnlyStream(Text), Ct);
            }

            var tooMany = await Assert.ThrowsAsync<UploadTooLargeException>(() => upload.AddAsync("4.dcm", new ForwardOnlyStream(Text), Ct));
            Assert.Equal("The upload has more than 3 files (OpenAlgebra:Upload:MaxFiles).", tooMany.Message);
        }

        Assert.Empty(harness.TempFiles);
    }

    [Fact]
    public async Task Streams_added_at_once_land_in_files_of_their_own()
    {
        using var harness = new SpoolerHarness();
        using var upload = harness.Spooler.BeginStreamed();
        var contents = Enumerable.Range(0, 16).Select(i => Enumerable.Repeat((byte)i, 300_000 + i).ToArray()).ToList();

        var added = await Task.WhenAll(contents.Select(c => Task.Run(() => upload.AddAsync($"{c.Length}.bin", new ForwardOnlyStream(c), Ct), Ct)));

        var files = added.Select(items => Assert.IsType<UploadedFile>(Assert.Single(items))).ToList();
        Assert.Equal(contents, files.Select(f => File.ReadAllBytes(f.Path)));
        Assert.Equal(16, files.Select(f => f.Path).Distinct().Count());
    }

    [Fact]
    public async Task A_stream_cancelled_midway_leaves_no_file()
    {
        using var harness = new SpoolerHarness();
        using var upload = harness.Spooler.BeginStreamed();
        using var cancel = new CancellationTokenSource();
        using var content = new CancellingStream(new byte[1 << 20], cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.AddAsync("cut.dcm", content, cancel.Token));

        Assert.Empty(harness.TempFiles);
    }

    /// <summary>Hands out one chunk, then the user cancels: the next read sees it.</summary>
    private sealed class CancellingStream(byte[] bytes, CancellationTokenSource cancel) : ForwardReadStream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = await _inner.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
            await cancel.CancelAsync();
            return read;
        }

        public override int Read(Span<byte> buffer) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
