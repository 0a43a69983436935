using System.Collections.Concurrent;
using System.Text.Json;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Platform.Blobs;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Compliance.Vault;

/// <summary>One encrypted object per study: <c>vault/&lt;pseudonym&gt;/&lt;study id&gt;.json</c>, through the envelope-encrypted store.</summary>
internal sealed class PseudonymVault(IEncryptedObjectStore objects, IBlobStore blobs, IAuditTrail audit, TimeProvider clock) : IPseudonymVault
{
    private const string Prefix = "vault/";

    /// <summary>Beyond this many, the entries known to be stored are forgotten and looked up again.</summary>
    private const int KnownLimit = 100_000;

    // Entries are never removed once written: one seen (or written) by this process need not be looked up on every upload.
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    public async Task StoreAsync(string pseudonym, string studyId, OriginalIdentity identity, string? patientLabel, CancellationToken cancellationToken = default)
    {
        var key = Key(pseudonym, studyId);
        if (_known.ContainsKey(key))
        {
            return;
        }

        await using (var existing = await objects.OpenReadAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (existing is null)
            {
                var entry = new VaultEntry(studyId, identity, string.IsNullOrWhiteSpace(patientLabel) ? null : patientLabel.Trim(), clock.GetUtcNow());
                await objects.PutAsync(key, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(entry)), cancellationToken).ConfigureAwait(false);
            }
        }

        if (_known.Count >= KnownLimit)
        {
            _known.Clear();
        }

        _known[key] = true;
    }

    public async Task<IReadOnlyList<VaultEntry>> RevealAsync(string pseudonym, string? studyId, AuditActor actor, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5)
        {
            throw new ArgumentException("A reason of at least 5 characters is required to reveal an identity.", nameof(reason));
        }

        await audit.RecordAsync(new AuditEvent(actor, AuditEventIds.PatientRecord, AuditActions.Read, AuditOutcomes.Success,
            ObjectType: studyId is null ? "pseudonym" : "study", ObjectId: studyId ?? pseudonym,
            Detail: $"identity revealed for {pseudonym}; reason: {reason.Trim()}"), cancellationToken).ConfigureAwait(false);

        var keys = new List<string>();
        if (studyId is not null)
        {
            keys.Add(Key(pseudonym, studyId));
        }
        else
        {
            await foreach (var name in blobs.ListAsync(Prefix + Segment(pseudonym) + "/", cancellationToken).ConfigureAwait(false))
            {
                if (name.EndsWith(".json", StringComparison.Ordinal))
                {
                    keys.Add(name);
                }
            }
        }

        var entries = new List<VaultEntry>();
        foreach (var key in keys)
        {
            await using var stream = await objects.OpenReadAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (stream is not null)
            {
                entries.Add(await JsonSerializer.DeserializeAsync<VaultEntry>(stream, cancellationToken: cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Vault entry {key} is empty."));
            }
        }

        return entries;
    }

    private static string Key(string pseudonym, string studyId) => $"{Prefix}{Segment(pseudonym)}/{Segment(studyId)}.json";

    /// <summary>Pseudonyms and ids are ASCII letters, digits and '-'; blob keys are lower case.</summary>
    private static string Segment(string value)
    {
        var lower = value.Trim().ToLowerInvariant();
        return lower.Length > 0 && lower.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')
            ? lower
            : throw new ArgumentException($"'{value}' is not a pseudonym or id.", nameof(value));
    }
}
