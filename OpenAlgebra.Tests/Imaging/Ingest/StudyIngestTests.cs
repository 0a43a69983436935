using Microsoft.Extensions.Time.Testing;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Compliance.Vault;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Blobs;
using OpenAlgebra.Modules.Platform.Encryption;
using OpenAlgebra.Tests.Imaging.Dicom;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.Ingest;

/// <summary>The ingest pipeline over real stores, on both databases.</summary>
public sealed class StudyIngestTests : IDisposable
{
    private static readonly AuditActor Uploader = new("dr.grey", ["Clinician"], "10.0.0.7");
    private readonly string _scratch = Directory.CreateTempSubdirectory("openalgebra-ingest-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Good_files_are_stored_encrypted_and_indexed_and_bad_ones_are_named(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var files = new[]
        {
            Sample("CT_small.dcm"), Sample("MR_small.dcm"), Sample("MR_small_bigendian.dcm"),
            Text("notes.dcm", "this is not DICOM"), Sample("MR_truncated.dcm"),
        };

        var result = await database.Get<IStudyIngest>().IngestAsync(files, new IngestRequest(Uploader), Ct);

        // MR_small_bigendian.dcm is MR_small.dcm in another syntax: the same instance, so it matches instead of storing twice.
        Assert.Equal((2, 1), (result.Stored, result.Matched));
        Assert.Equal(["MR_truncated.dcm", "notes.dcm"], result.Rejected.Select(r => r.File).Order());
        Assert.All(result.Rejected, r => Assert.StartsWith("not a readable DICOM file", r.Reason, StringComparison.Ordinal));
        var ct = Assert.Single(result.Studies, s => s.Series.Any(r => r.Modality == "CT"));
        Assert.StartsWith("2.25.", ct.StudyInstanceUid, StringComparison.Ordinal);

        var instance = (await database.Get<IStudyIndex>().GetInstancesAsync(ct.Series[0].Id, Ct)).Single();
        var raw = await ReadRawAsync(database.Get<IBlobStore>(), instance.ObjectKey);
        Assert.Equal(-1, raw.AsSpan().IndexOf("DICM"u8));
        await using (var plain = await database.Get<IEncryptedObjectStore>().OpenReadAsync(instance.ObjectKey, instance.Sha256, Ct))
        {
            var stored = new DicomCodec().Read(plain!);
            Assert.Equal("YES", stored.Dataset.GetString(new DicomTag(0x0012, 0x0062)));
        }

        var imports = await database.Get<IAuditTrail>().QueryAsync(new AuditQuery(UserName: "dr.grey", EventId: AuditEventIds.Import), AuditActor.System, Ct);
        Assert.Equal(result.Studies.Count, imports.Total);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_re_upload_matches_and_stores_nothing_new_even_when_concurrent(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var ingest = database.Get<IStudyIngest>();
        IngestSource[] files = [Sample("CT_small.dcm"), Sample("MR_small.dcm")];
        var first = await ingest.IngestAsync(files, new IngestRequest(Uploader), Ct);
        var objectsBefore = await CountObjectsAsync(database.Get<IBlobStore>());

        var again = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ingest.IngestAsync(files, new IngestRequest(Uploader), Ct)));

        Assert.All(again, r => Assert.Equal((0, 2), (r.Stored, r.Matched)));
        Assert.Equal(first.Studies.Select(s => s.Id).Order(), again[0].Studies.Select(s => s.Id).Order());
        Assert.Equal(objectsBefore, await CountObjectsAsync(database.Get<IBlobStore>()));
        Assert.Equal(2, await database.ScalarAsync<long>("SELECT COUNT(*) FROM instances"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_first_uploads_of_one_study_create_it_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var ingest = database.Get<IStudyIngest>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ingest.IngestAsync([Sample("MR_small.dcm")], new IngestRequest(Uploader), Ct), Ct)));

        Assert.Equal(1, await database.ScalarAsync<long>("SELECT COUNT(*) FROM studies"));
        Assert.Equal(1, await database.ScalarAsync<long>("SELECT COUNT(*) FROM series"));
        Assert.Equal(1, await database.ScalarAsync<long>("SELECT COUNT(*) FROM instances"));
        Assert.Equal(1, await database.ScalarAsync<long>("SELECT instance_count FROM studies"));
    }

    [Fact]
    public async Task The_identity_goes_only_to_the_vault_and_revealing_it_needs_a_reason_and_is_audited()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        var result = await database.Get<IStudyIngest>().IngestAsync([Sample("CT_small.dcm")], new IngestRequest(Uploader), Ct);
        var study = (await database.Get<IStudyIndex>().GetStudyAsync(result.Studies[0].Id, Ct))!;
        var vault = database.Get<IPseudonymVault>();

        await Assert.ThrowsAsync<ArgumentException>(() => vault.RevealAsync(study.Pseudonym, study.Id, Uploader, "", Ct));
        var entries = await vault.RevealAsync(study.Pseudonym, study.Id, Uploader, "tumour board follow-up", Ct);

        var original = new DicomCodec().Read(File.OpenRead(DicomSamples.File("CT_small.dcm"))).Dataset;
        Assert.Equal(original.GetString(DicomTags.PatientId), Assert.Single(entries).Identity.PatientId);
        Assert.Equal(original.GetString(DicomTags.PatientName), entries[0].Identity.PatientName);
        Assert.DoesNotContain(original.GetString(DicomTags.PatientId)!, study.Pseudonym, StringComparison.Ordinal);
        var reveals = await database.Get<IAuditTrail>().QueryAsync(new AuditQuery(EventId: AuditEventIds.PatientRecord), AuditActor.System, Ct);
        Assert.Contains(reveals.Items, r => r.UserName == "dr.grey" && r.Detail!.Contains("tumour board", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Output_the_PHI_scanner_rejects_is_refused_counted_and_alerted()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        var file = new DicomCodec().Read(File.OpenRead(DicomSamples.File("CT_small.dcm")));
        file.Dataset.SetString(new DicomTag(0x0028, 0x0301), DicomVR.CS, "YES");
        var path = Path.Combine(_scratch, "burned-in.dcm");
        using (var stream = File.Create(path))
        {
            new DicomCodec().Write(file, stream);
        }

        var before = Api.MetricProbe.Read("openalgebra_unanonymized_data_processed_total");
        var result = await database.Get<IStudyIngest>().IngestAsync([new IngestSource("burned-in.dcm", path)], new IngestRequest(Uploader), Ct);

        Assert.StartsWith("refused: de-identified output still held protected health information", Assert.Single(result.Rejected).Reason, StringComparison.Ordinal);
        Assert.True(Api.MetricProbe.Read("openalgebra_unanonymized_data_processed_total") >= before + 1);
        var alerts = await database.Get<IAuditTrail>().QueryAsync(new AuditQuery(EventId: AuditEventIds.SecurityAlert), AuditActor.System, Ct);
        Assert.Contains(alerts.Items, r => r.ObjectId == "burned-in.dcm");
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT COUNT(*) FROM instances"));
    }

    [Fact]
    public async Task A_database_failure_mid_file_leaves_neither_row_nor_object()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await database.ExecuteAsync("CREATE TRIGGER jam BEFORE INSERT ON instances BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;");

        var result = await database.Get<IStudyIngest>().IngestAsync([Sample("CT_small.dcm")], new IngestRequest(Uploader), Ct);

        Assert.StartsWith("not stored: the study index could not be updated", Assert.Single(result.Rejected).Reason, StringComparison.Ordinal);
        Assert.Equal(0, await CountObjectsAsync(database.Get<IBlobStore>()));
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT COUNT(*) FROM pending_objects"));
    }

    [Fact]
    public async Task The_sweep_removes_objects_left_by_a_crash_but_not_uploads_in_progress()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await database.Get<IStudyIngest>().IngestAsync([Sample("CT_small.dcm")], new IngestRequest(Uploader), Ct);
        var objects = database.Get<IEncryptedObjectStore>();
        await objects.PutAsync("instances/2.25.1", new MemoryStream([1]), Ct);
        await database.Get<IStudyIndex>().MarkPendingAsync("instances/2.25.2", Ct);
        await objects.PutAsync("instances/2.25.2", new MemoryStream([2]), Ct);

        var swept = await database.Get<IOrphanSweeper>().SweepAsync(Ct);

        Assert.Equal(1, swept);
        Assert.Null(await objects.OpenReadAsync("instances/2.25.1", null, Ct));
        Assert.NotNull(await objects.OpenReadAsync("instances/2.25.2", null, Ct));
        Assert.Equal(1, await database.ScalarAsync<long>("SELECT COUNT(*) FROM instances"));
    }

    [Fact]
    public async Task A_NIfTI_upload_becomes_one_study_with_its_modality_and_the_label_in_the_vault()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        var nifti = new IngestSource("brain.nii.gz", Path.Combine(Services.NibabelFiles, "example4d.nii.gz"));
        var ingest = database.Get<IStudyIngest>();

        var result = await ingest.IngestAsync([nifti], new IngestRequest(Uploader, "MR", "Jane Doe, ward 4"), Ct);
        var again = await ingest.IngestAsync([nifti], new IngestRequest(Uploader, "MR", "Jane Doe, ward 4"), Ct);

        var series = Assert.Single(Assert.Single(result.Studies).Series);
        Assert.Equal(("MR", 1), (series.Modality, series.Instances));
        Assert.Equal((0, 1), (again.Stored, again.Matched));
        var study = (await database.Get<IStudyIndex>().GetStudyAsync(result.Studies[0].Id, Ct))!;
        Assert.Equal((128, 96), (study.Series[0].Columns!.Value, study.Series[0].Rows!.Value));
        var entry = Assert.Single(await database.Get<IPseudonymVault>().RevealAsync(study.Pseudonym, study.Id, Uploader, "check the label", Ct));
        Assert.Equal("Jane Doe, ward 4", entry.PatientLabel);
    }

    [Fact]
    public async Task Files_past_DICOM_TIMEOUT_are_reported_not_processed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromSeconds(20) };
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite, clock: clock, settings: new() { ["DICOM_TIMEOUT"] = "30" });
        IngestSource[] files = [Sample("CT_small.dcm"), Sample("MR_small.dcm"), Sample("rtplan.dcm"), Sample("rtdose.dcm")];

        var result = await database.Get<IStudyIngest>().IngestAsync(files, new IngestRequest(Uploader), Ct);

        Assert.NotEmpty(result.Rejected);
        Assert.All(result.Rejected, r => Assert.Equal("not processed: the upload took longer than DICOM_TIMEOUT (30 s)", r.Reason));
        Assert.Equal(files.Length, result.Stored + result.Matched + result.Rejected.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_study_list_searches_by_text_modality_and_date_and_pages(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.Get<IStudyIngest>().IngestAsync(
            [Sample("CT_small.dcm"), Sample("MR_small.dcm"), Sample("rtplan.dcm"), Sample("liver_1frame.dcm")], new IngestRequest(Uploader), Ct);
        var index = database.Get<IStudyIndex>();

        var all = await index.SearchAsync(new StudySearch(PageSize: 2), Ct);
        var second = await index.SearchAsync(new StudySearch(Page: 2, PageSize: 2), Ct);
        var ct = await index.SearchAsync(new StudySearch(Modality: "ct"), Ct);
        var byPseudonym = await index.SearchAsync(new StudySearch(Query: ct.Items[0].Pseudonym[..6].ToLowerInvariant()), Ct);

        Assert.True(all.Total >= 3);
        Assert.Equal(2, all.Items.Count);
        Assert.Empty(all.Items.Select(s => s.Id).Intersect(second.Items.Select(s => s.Id)));
        Assert.All(ct.Items, s => Assert.Contains("CT", s.Modalities));
        Assert.Contains(byPseudonym.Items, s => s.Id == ct.Items[0].Id);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => index.SearchAsync(new StudySearch(FromDate: "last week"), Ct));
        Assert.Contains("from must be a date", error.Message, StringComparison.Ordinal);
    }

    private static IngestSource Sample(string name) => new(name, DicomSamples.File(name));

    private IngestSource Text(string name, string content)
    {
        var path = Path.Combine(_scratch, name);
        File.WriteAllText(path, content);
        return new IngestSource(name, path);
    }

    private static async Task<int> CountObjectsAsync(IBlobStore blobs)
    {
        var count = 0;
        await foreach (var _ in blobs.ListAsync("instances/", Ct))
        {
            count++;
        }

        return count;
    }

    private static async Task<byte[]> ReadRawAsync(IBlobStore blobs, string key)
    {
        await using var stream = (await blobs.OpenReadAsync(key, Ct))!;
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }
}
