using System.Buffers.Binary;
using System.IO.Compression;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Tests.Imaging.Dicom;

namespace OpenAlgebra.Tests.Imaging.Ingest;

public sealed class ZipExpansionTests
{
    private static readonly byte[] Content = "not really DICOM, the bytes only have to survive\n"u8.ToArray();

    [Fact]
    public async Task Entries_that_climb_out_or_name_a_drive_are_refused_one_by_one_and_the_rest_is_read()
    {
        var zip = TestZips.Create(("good.dcm", Content), ("../evil.dcm", Content), ("..\\evil2.dcm", Content), ("/etc/evil.dcm", Content),
            ("\\\\server\\share\\evil.dcm", Content), ("C:/evil.dcm", Content), ("a/../../evil.dcm", Content), ("scan.dcm:hidden", Content),
            ("win\\folder\\ok.dcm", Content), ("./dot/./ok.dcm", Content));
        using var harness = new SpoolerHarness();

        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("x.zip", zip));
        using (upload)
        {
            Assert.Equal(
                [
                    "x.zip/good.dcm",
                    "x.zip/../evil.dcm: has '..' in its path, which would climb out of the folder it is unzipped into (path traversal)",
                    "x.zip/..\\evil2.dcm: has '..' in its path, which would climb out of the folder it is unzipped into (path traversal)",
                    "x.zip//etc/evil.dcm: has an absolute path; entries must be relative to the archive",
                    "x.zip/\\\\server\\share\\evil.dcm: has an absolute path; entries must be relative to the archive",
                    "x.zip/C:/evil.dcm: has ':' in its name (a drive letter or an NTFS stream); entries must be relative to the archive",
                    "x.zip/a/../../evil.dcm: has '..' in its path, which would climb out of the folder it is unzipped into (path traversal)",
                    "x.zip/scan.dcm:hidden: has ':' in its name (a drive letter or an NTFS stream); entries must be relative to the archive",
                    "x.zip/win/folder/ok.dcm",
                    "x.zip/dot/ok.dcm",
                ],
                items.Select(Describe));
            Assert.Equal(3, harness.TempFiles.Count);
        }
    }

    [Fact]
    public async Task Links_special_files_encrypted_entries_and_unknown_methods_are_refused_with_a_reason()
    {
        var link = TestZips.WithUnixMode("link.dcm", 0xA1FF, "/etc/passwd"u8.ToArray(), ("after.dcm", Content));
        var fifo = TestZips.WithUnixMode("pipe.dcm", 0x11A4, [], ("after.dcm", Content));
        var plain = TestZips.Create(("secret.dcm", Content), ("bzip2.dcm", Content), ("after.dcm", Content));
        var encrypted = TestZips.PatchLocal(TestZips.PatchCentral(plain, "secret.dcm", r => r[8] |= 1), "secret.dcm", r => r[8] |= 1);
        var methods = TestZips.PatchCentral(encrypted, "bzip2.dcm", r => BinaryPrimitives.WriteUInt16LittleEndian(r[10..], 12));
        using var harness = new SpoolerHarness();

        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("link.zip", link).File("fifo.zip", fifo).File("misc.zip", methods));
        using (upload)
        {
            Assert.Equal(
                [
                    "link.zip/link.dcm: is a symbolic link, which is never followed",
                    "link.zip/after.dcm",
                    "fifo.zip/pipe.dcm: is a device, pipe or socket, not a file",
                    "fifo.zip/after.dcm",
                    "misc.zip/secret.dcm: is encrypted (password-protected) and cannot be read; zip it without a password",
                    "misc.zip/bzip2.dcm: is compressed with method 12; only Stored (0) and Deflate (8) are read, so re-zip it with Deflate",
                    "misc.zip/after.dcm",
                ],
                items.Select(Describe));
        }
    }

    [Fact]
    public async Task Damaged_entries_are_refused_and_the_archive_goes_on()
    {
        var zip = TestZips.Create(("crc.dcm", Content), ("short.dcm", Content), ("long.dcm", Content), ("ok.dcm", Content));
        zip = TestZips.PatchCentral(zip, "crc.dcm", r => r[16] ^= 0xFF);
        zip = TestZips.PatchCentral(zip, "short.dcm", r => BinaryPrimitives.WriteUInt32LittleEndian(r[24..], (uint)Content.Length + 7));
        zip = TestZips.PatchCentral(zip, "long.dcm", r => BinaryPrimitives.WriteUInt32LittleEndian(r[24..], 10));
        using var harness = new SpoolerHarness();

        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("d.zip", zip));
        using (upload)
        {
            Assert.Equal(
                [
                    "d.zip/crc.dcm: fails its CRC-32 check: the archive is damaged",
                    $"d.zip/short.dcm: inflates to {Content.Length} bytes, not the {Content.Length + 7} its header declares: the archive is damaged",
                    "d.zip/long.dcm: inflates past the 10 bytes its header declares: the archive is damaged or forged",
                    "d.zip/ok.dcm",
                ],
                items.Select(Describe));
            Assert.Single(harness.TempFiles);
        }
    }

    [Fact]
    public async Task A_gigabyte_zip_bomb_stops_its_archive_after_the_first_MiB_and_the_entries_before_it_stay()
    {
        var ct = File.ReadAllBytes(DicomSamples.File("CT_small.dcm"));
        var bomb = TestZips.Bomb(1L << 30, "bomb.dcm", ("first.dcm", ct));
        Assert.InRange(bomb.Length, 512 << 10, 2 << 20);
        using var harness = new SpoolerHarness();

        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("bomb.zip", bomb).File("after.dcm", ct));
        using (upload)
        {
            Assert.Equal(
                [
                    "bomb.zip/first.dcm",
                    "bomb.zip: stopped at 'bomb.zip/bomb.dcm': it inflates to more than 100:1 (OpenAlgebra:Upload:Zip:MaxCompressionRatio), as zip bombs do; the entries before it were kept",
                    "after.dcm",
                ],
                items.Select(Describe));
            var first = Assert.IsType<UploadedFile>(items[0]);
            Assert.Equal(UploadFileKind.Dicom, first.Kind);
            Assert.Equal(ct, File.ReadAllBytes(first.Path));
            Assert.Equal(2, harness.TempFiles.Count);
        }
    }

    [Fact]
    public async Task The_uncompressed_total_is_counted_across_all_archives_of_an_upload()
    {
        var noise = new byte[3 << 20];
        new Random(7).NextBytes(noise);
        var one = TestZips.Create(CompressionLevel.NoCompression, ("a.dcm", noise), ("b.dcm", noise));
        var two = TestZips.Create(CompressionLevel.NoCompression, ("c.dcm", noise), ("d.dcm", noise));
        using var harness = new SpoolerHarness(o => o.Zip.MaxUncompressedBytes = 8 << 20);

        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("one.zip", one).File("two.zip", two));
        using (upload)
        {
            Assert.Equal(
                [
                    "one.zip/a.dcm", "one.zip/b.dcm",
                    "two.zip: stopped at 'two.zip/c.dcm': the upload's archives inflate to more than 8 MiB (OpenAlgebra:Upload:Zip:MaxUncompressedBytes); the entries before it were kept",
                ],
                items.Select(Describe));
            Assert.Equal(2, harness.TempFiles.Count);
        }
    }

    [Fact]
    public async Task Entries_that_share_their_data_are_stopped_by_the_ratio_of_the_whole_archive()
    {
        // The overlapping-entry bomb: every record inflates within the entry ratio, but all of them point at the
        // same bytes, so together they inflate far past the archive's own size.
        var pointers = Enumerable.Range(1, 9).Select(n => $"b{n}.dcm").ToArray();
        var zip = TestZips.Create([("a.dcm", new byte[4 << 20]), .. pointers.Select(p => (p, Array.Empty<byte>()))]);
        var real = Array.Empty<byte>();
        TestZips.PatchCentral(zip, "a.dcm", r => real = r[..46].ToArray());
        foreach (var pointer in pointers)
        {
            // Method, times, CRC and both sizes, then the local header offset: a copy of a.dcm's record under another name.
            zip = TestZips.PatchCentral(zip, pointer, r =>
            {
                real.AsSpan(10, 18).CopyTo(r[10..]);
                real.AsSpan(42, 4).CopyTo(r[42..]);
            });
        }

        var entryRatio = (4 << 20) / BinaryPrimitives.ReadUInt32LittleEndian(real.AsSpan(20));
        using var harness = new SpoolerHarness(o => o.Zip.MaxCompressionRatio = (int)(entryRatio * 3 / 2));

        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("overlap.zip", zip));
        using (upload)
        {
            Assert.Equal("overlap.zip/a.dcm", Describe(items[0]));
            var stop = Assert.IsType<RejectedFile>(items[^1]);
            Assert.StartsWith("stopped at 'overlap.zip/", stop.Reason, StringComparison.Ordinal);
            Assert.Contains($"the archive inflates to more than {entryRatio * 3 / 2} times its size (OpenAlgebra:Upload:Zip:MaxCompressionRatio)", stop.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_archive_with_more_entries_than_allowed_is_refused_before_anything_is_read()
    {
        var tiny = Enumerable.Range(0, 20_000).Select(n => ($"f/{n}.dcm", new[] { (byte)n }));
        var zip = TestZips.Create(CompressionLevel.NoCompression, tiny);
        using var harness = new SpoolerHarness();

        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("many.zip", zip));
        using (upload)
        {
            Assert.Equal(
                ["many.zip: holds 20,000 entries, more than the 10,000 an upload's archives may hold together (OpenAlgebra:Upload:Zip:MaxEntries); nothing in it was read"],
                items.Select(Describe));
            Assert.Empty(harness.TempFiles);
        }
    }

    [Fact]
    public async Task The_entry_count_is_shared_by_the_archives_of_an_upload_and_read_from_a_Zip64_end_record()
    {
        var six = TestZips.Create([.. Enumerable.Range(0, 6).Select(n => ($"{n}.dcm", Content))]);
        // Past 65,535 entries the count lives only in the Zip64 end record.
        var zip64 = TestZips.Create(CompressionLevel.NoCompression, Enumerable.Range(0, 70_000).Select(n => ($"{n}", Array.Empty<byte>())));
        using var harness = new SpoolerHarness(o => o.Zip.MaxEntries = 10);

        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("one.zip", six).File("two.zip", six).File("big.zip", zip64));
        using (upload)
        {
            Assert.Equal(6, items.Count(i => i is UploadedFile));
            Assert.Equal(
                [
                    "two.zip: holds 6 entries, more than the 4 left of the 10 an upload's archives may hold together (OpenAlgebra:Upload:Zip:MaxEntries); nothing in it was read",
                    "big.zip: holds 70,000 entries, more than the 4 left of the 10 an upload's archives may hold together (OpenAlgebra:Upload:Zip:MaxEntries); nothing in it was read",
                ],
                items.OfType<RejectedFile>().Select(Describe));
        }
    }

    [Fact]
    public async Task One_level_of_nesting_is_opened_and_a_deeper_zip_is_refused()
    {
        var deeper = TestZips.Create(("b.dcm", Content));
        var inner = TestZips.Create(("a.dcm", Content), ("deeper.zip", deeper));
        var outer = TestZips.Create(("inner.zip", inner), ("c.dcm", Content));
        using var harness = new SpoolerHarness();

        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("outer.zip", outer));
        using (upload)
        {
            Assert.Equal(
                [
                    "outer.zip/inner.zip/a.dcm",
                    "outer.zip/inner.zip/deeper.zip: is a zip nested more than 1 level deep, which is not opened (OpenAlgebra:Upload:Zip:MaxNesting)",
                    "outer.zip/c.dcm",
                ],
                items.Select(Describe));
            Assert.Equal(2, harness.TempFiles.Count);
        }

        using var flat = new SpoolerHarness(o => o.Zip.MaxNesting = 0);
        var (flatUpload, flatItems) = await flat.ReadAsync(new MultipartBody().File("outer.zip", outer));
        using (flatUpload)
        {
            Assert.Equal(
                ["outer.zip/inner.zip: is a zip inside a zip, which is not opened (OpenAlgebra:Upload:Zip:MaxNesting is 0)", "outer.zip/c.dcm"],
                flatItems.Select(Describe));
        }
    }

    [Fact]
    public async Task A_bomb_nested_in_an_archive_stops_the_outer_archive_too()
    {
        var outer = TestZips.Create(CompressionLevel.NoCompression, ("first.dcm", Content), ("inner.zip", TestZips.Bomb(1L << 30)), ("last.dcm", Content));
        using var harness = new SpoolerHarness();

        var (upload, items) = await harness.ReadAsync(new MultipartBody().File("outer.zip", outer));
        using (upload)
        {
            Assert.Equal(
                [
                    "outer.zip/first.dcm",
                    "outer.zip/inner.zip: stopped at 'outer.zip/inner.zip/bomb.dcm': it inflates to more than 100:1 (OpenAlgebra:Upload:Zip:MaxCompressionRatio), as zip bombs do; the entries before it were kept",
                ],
                items.Select(Describe));
            Assert.Single(harness.TempFiles);
        }
    }

    [Fact]
    public async Task Damaged_or_empty_archives_are_reported_by_name()
    {
        var good = TestZips.Create(("a.dcm", Content));
        var cut = good[..^10];
        var onlyFolders = TestZips.Create(("CD/", []), ("CD/DICOMDIR", Content), ("__MACOSX/._a", Content));
        var zip = TestZips.Create(("a.dcm", Content), ("b.dcm", Content));
        var brokenDirectory = TestZips.PatchCentral(zip, "b.dcm", r => r[0] = 0);
        using var harness = new SpoolerHarness();

        var (upload, items) = await harness.ReadAsync(new MultipartBody()
            .File("cut.zip", cut).File("garbage.zip", [.. "PK\x03\x04"u8, .. Content]).File("folders.zip", onlyFolders).File("dir.zip", brokenDirectory)
            .File("empty.zip", TestZips.Create()));
        using (upload)
        {
            Assert.Equal(
                [
                    "cut.zip: is damaged or cut short: it has no end of central directory record",
                    "garbage.zip: is damaged or cut short: it has no end of central directory record",
                    "folders.zip: holds no files to import (folders, DICOMDIR and macOS metadata are skipped)",
                    "dir.zip/a.dcm",
                    "dir.zip: is damaged: a central directory record is missing; the entries before it were read",
                    "empty.zip: holds no files to import (folders, DICOMDIR and macOS metadata are skipped)",
                ],
                items.Select(Describe));
        }
    }

    [Fact]
    public async Task An_archive_is_known_by_its_bytes_not_its_name()
    {
        using var harness = new SpoolerHarness();
        var (upload, items) = await harness.ReadAsync(new MultipartBody()
            .File("study.dcm", TestZips.Create(("a.dcm", Content))).File("notazip.zip", Content));
        using (upload)
        {
            Assert.Equal(["study.dcm/a.dcm", "notazip.zip"], items.Select(Describe));
            Assert.Equal(UploadFileKind.Other, Assert.IsType<UploadedFile>(items[1]).Kind);
        }
    }

    private static string Describe(UploadItem item) => item is RejectedFile rejected ? rejected.ToString() : item.Name;
}
