using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Registry;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Tests.Inference;

/// <summary>An admin's reference cases join the engine's phantoms in its validation, and so in its activation gate.</summary>
public class ReferenceCaseApiTests : AnalysisAppTest
{
    [Fact]
    public async Task A_case_with_the_true_mask_scores_with_the_phantoms_and_a_wrong_one_keeps_the_version_from_activation()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        var admin = await App.AdminAsync();

        var added = await AddAsync(admin, "test-threshold", "site box", seriesId, Mask(TestPhantom.Truth()));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var created = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/engines/test-threshold/reference-cases/{id}", added.Headers.Location?.OriginalString);
        Assert.Equal([1], created.GetProperty("labels").EnumerateArray().Select(l => l.GetInt32()));
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/engines/test-threshold/reference-cases", Ct);
        Assert.Equal("site box", Assert.Single(listed.EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(1, await CountAuditAsync("110100", id));
        var registry = App.Services.GetRequiredService<IEngineRegistry>();
        var validation = await registry.ValidateAsync("test-threshold", "1.0.0", AuditActor.System, cancellationToken: Ct);
        Assert.Equal(["box", "reference: site box"], validation.Cases.Select(c => c.Name));
        Assert.Equal(1.0, validation.Cases[1].Dice, 6);
        Assert.True(validation.Passed);

        // A site's case the version gets wrong (its truth is the air around the box): its Dice of 0 takes the mean under the gate.
        var air = TestPhantom.Mask(TestPhantom.Volume(), v => v > 0 ? (byte)0 : (byte)1);
        (await AddAsync(admin, "test-threshold", "air", seriesId, Mask(air))).EnsureSuccessStatusCode();
        validation = await registry.ValidateAsync("test-threshold", "1.0.0", AuditActor.System, cancellationToken: Ct);
        Assert.Equal(0, validation.Cases[2].Dice);
        Assert.Equal(2 / 3.0, validation.MeanDice, 6);
        Assert.False(validation.Passed);
        var refused = await admin.PostAsJsonAsync("/api/engines/test-threshold/activate", new { version = "1.0.0" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("0.6667", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_case_deletes_its_mask_and_a_case_whose_series_is_gone_scores_zero_with_the_reason()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        var admin = await App.AdminAsync();
        var first = await (await AddAsync(admin, "test-threshold", "kept", seriesId, Mask(TestPhantom.Truth()))).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var second = await (await AddAsync(admin, "test-threshold", "removed", seriesId, Mask(TestPhantom.Truth()))).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var removedId = second.GetProperty("id").GetString()!;
        var maskKey = await Database.ScalarAsync<string>("SELECT mask_key FROM engine_reference_cases WHERE id = @removedId", new { removedId });

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/engines/test-threshold/reference-cases/{removedId}", Ct)).StatusCode);

        Assert.Null(await App.Services.GetRequiredService<IEncryptedObjectStore>().OpenReadAsync(maskKey, cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/engines/test-threshold/reference-cases/{removedId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/engines/test-threshold/reference-cases/{removedId}", Ct)).StatusCode);
        Assert.Equal(2, await CountAuditAsync("110100", removedId));

        var studyId = await Database.ScalarAsync<string>("SELECT study_id FROM series WHERE id = @seriesId", new { seriesId });
        (await admin.DeleteAsync($"/api/studies/{studyId}", Ct)).EnsureSuccessStatusCode();
        var validation = await App.Services.GetRequiredService<IEngineRegistry>()
            .ValidateAsync("test-threshold", "1.0.0", AuditActor.System, cancellationToken: Ct);
        var kept = Assert.Single(validation.Cases, c => c.Name == "reference: kept");
        Assert.Equal(0, kept.Dice);
        Assert.Contains($"series {seriesId} is no longer stored", kept.Note, StringComparison.Ordinal);
        Assert.Equal(first.GetProperty("id").GetString(), Assert.Single((await admin.GetFromJsonAsync<JsonElement>(
            "/api/engines/test-threshold/reference-cases", Ct)).EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Bad_cases_are_refused_with_what_was_wrong_and_store_nothing()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        var admin = await App.AdminAsync();
        var truth = Mask(TestPhantom.Truth());
        var otherGrid = Mask(new LabelMask(TestPhantom.SizeX - 1, TestPhantom.SizeY, TestPhantom.SizeZ, new byte[(TestPhantom.SizeX - 1) * TestPhantom.SizeY * TestPhantom.SizeZ]));
        var empty = Mask(TestPhantom.Mask(TestPhantom.Volume(), _ => 0));

        await RefusedAsync(admin, "test-threshold", "grid", seriesId, otherGrid, HttpStatusCode.BadRequest, "the series' volume is 12×10×8×1");
        await RefusedAsync(admin, "test-threshold", "text", seriesId, "not a volume"u8.ToArray(), HttpStatusCode.BadRequest, "not a readable NIfTI-1 file");
        await RefusedAsync(admin, "test-threshold", "empty", seriesId, empty, HttpStatusCode.BadRequest, "holds no label");
        await RefusedAsync(admin, "test-threshold", "lost", "no-such-series", truth, HttpStatusCode.BadRequest, "No series 'no-such-series'");
        await RefusedAsync(admin, "test-threshold", "", seriesId, truth, HttpStatusCode.BadRequest, "name is required");
        await RefusedAsync(admin, "quantify", "measured", seriesId, truth, HttpStatusCode.BadRequest, "does not produce a mask");
        await RefusedAsync(admin, "no-such-engine", "x", seriesId, truth, HttpStatusCode.NotFound, "No engine 'no-such-engine'");
        await RefusedAsync(admin, "test-seeds", "unseeded", seriesId, truth, HttpStatusCode.BadRequest, "test-seeds needs seeds");
        await RefusedAsync(admin, "test-seeds", "two labels", seriesId, truth, HttpStatusCode.BadRequest, "seeds have 1, 2, the mask 1",
            seeds: """{"1": [[4, 4, 3]], "2": [[0, 0, 0]]}""");
        await RefusedAsync(admin, "test-threshold", "knob", seriesId, truth, HttpStatusCode.BadRequest, "Unknown parameter 'knob'",
            parameters: """{"knob": 1}""");
        await RefusedAsync(admin, "test-threshold", "json", seriesId, truth, HttpStatusCode.BadRequest, "parameters is not JSON", parameters: "{threshold");
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM engine_reference_cases"));

        (await AddAsync(admin, "test-threshold", "twice", seriesId, truth)).EnsureSuccessStatusCode();
        await RefusedAsync(admin, "test-threshold", "twice", seriesId, truth, HttpStatusCode.Conflict, "already has a reference case named 'twice'");
        var clinician = await App.ClinicianAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await AddAsync(clinician, "test-threshold", "mine", seriesId, truth)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.GetAsync("/api/engines/test-threshold/reference-cases", Ct)).StatusCode);
        Assert.Equal(1, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM engine_reference_cases"));
    }

    [Fact]
    public async Task A_seeded_engine_runs_its_case_with_the_stored_seeds()
    {
        var seriesId = await TestSeries.NiftiAsync(App.Services, Ct);
        var admin = await App.AdminAsync();
        // test-seeds labels its seed voxels and nothing else: the case scores 1 only if the stored seeds reach it.
        var labelled = TestPhantom.Mask(TestPhantom.Volume(), _ => 0);
        labelled.Labels[(((3 * TestPhantom.SizeY) + 4) * TestPhantom.SizeX) + 4] = 1;
        labelled.Labels[0] = 2;

        var added = await AddAsync(admin, "test-seeds", "box and air", seriesId, Mask(labelled), seeds: """{"1": [[4, 4, 3]], "2": [[0, 0, 0]]}""");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var validation = await App.Services.GetRequiredService<IEngineRegistry>()
            .ValidateAsync("test-seeds", null, AuditActor.System, cancellationToken: Ct);
        var reference = Assert.Single(validation.Cases, c => c.Name == "reference: box and air");
        Assert.Null(reference.Note);
        Assert.Equal(1.0, reference.Dice, 6);
    }

    private byte[] Mask(LabelMask mask)
    {
        using var buffer = new MemoryStream();
        App.Services.GetRequiredService<INiftiCodec>().WriteMask(buffer, mask.Labels, mask.SizeX, mask.SizeY, mask.SizeZ, TestPhantom.IjkToLps);
        return buffer.ToArray();
    }

    private static async Task<HttpResponseMessage> AddAsync(HttpClient client, string engine, string name, string seriesId, byte[] mask,
        string? seeds = null, string? parameters = null)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(name), "name" },
            { new StringContent(seriesId), "seriesId" },
            { new ByteArrayContent(mask), "mask", "mask.nii.gz" },
        };
        if (seeds is not null)
        {
            form.Add(new StringContent(seeds), "seeds");
        }

        if (parameters is not null)
        {
            form.Add(new StringContent(parameters), "parameters");
        }

        return await client.PostAsync($"/api/engines/{engine}/reference-cases", form, Ct);
    }

    private static async Task RefusedAsync(HttpClient client, string engine, string name, string seriesId, byte[] mask, HttpStatusCode status, string reason,
        string? seeds = null, string? parameters = null)
    {
        var response = await AddAsync(client, engine, name, seriesId, mask, seeds, parameters);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{name}: {(int)response.StatusCode} {body}");
        Assert.Contains(reason, body, StringComparison.Ordinal);
    }
}

/// <summary>The same over PostgreSQL, the production profile's database.</summary>
public sealed class PostgresReferenceCaseApiTests : ReferenceCaseApiTests
{
    protected override string Provider => Modules.Platform.DatabaseProviders.Postgres;
}
