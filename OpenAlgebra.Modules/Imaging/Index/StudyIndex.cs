using System.Data.Common;
using Dapper;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Imaging.Index;

internal sealed class StudyIndex(ISqlDatabase database, TimeProvider clock) : IStudyIndex, IDisposable
{
    private static readonly string[] StudyDeletion =
    [
        "DELETE FROM instances WHERE series_id IN (SELECT id FROM series WHERE study_id = @studyId)",
        "DELETE FROM series WHERE study_id = @studyId",
        "DELETE FROM studies WHERE id = @studyId",
    ];

    private readonly IndexWriter _writer = new(database);

    private const string SeriesColumns =
        "id AS Id, series_uid AS SeriesInstanceUid, modality AS Modality, kind AS Kind, description AS Description, " +
        "series_number AS SeriesNumber, pixel_rows AS Rows, pixel_columns AS Columns, instance_count AS Instances, " +
        "derived_from_series_id AS DerivedFromSeriesId";

    private const string InstanceColumns =
        "i.id AS Id, r.study_id AS StudyId, i.series_id AS SeriesId, i.sop_instance_uid AS SopInstanceUid, i.object_key AS ObjectKey, " +
        "i.size AS Size, i.sha256 AS Sha256, i.instance_number AS InstanceNumber";

    private const string InstanceSource = " FROM instances i JOIN series r ON r.id = i.series_id";

    public async Task<StudyPage> SearchAsync(StudySearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (search.Page < 1 || search.PageSize is < 1 or > StudySearch.MaxPageSize)
        {
            throw new ArgumentException($"page must be 1 or more and pageSize 1 to {StudySearch.MaxPageSize}.", nameof(search));
        }

        var from = ValidDate(search.FromDate, "from");
        var to = ValidDate(search.ToDate, "to");
        var filter = new List<string>();
        if (!string.IsNullOrWhiteSpace(search.Query))
        {
            filter.Add("(LOWER(p.pseudonym) LIKE @Like ESCAPE '\\' OR LOWER(s.description) LIKE @Like ESCAPE '\\' OR s.study_uid = @Exact)");
        }

        if (!string.IsNullOrWhiteSpace(search.Modality)) filter.Add("(',' || s.modalities || ',') LIKE @Modality");
        if (from is not null) filter.Add("s.study_date >= @From");
        if (to is not null) filter.Add("s.study_date <= @To");
        var where = filter.Count == 0 ? "" : " WHERE " + string.Join(" AND ", filter);
        var parameters = new
        {
            Like = "%" + EscapeLike(search.Query?.Trim().ToLowerInvariant() ?? "") + "%",
            Exact = search.Query?.Trim(),
            Modality = "%," + (search.Modality?.Trim().ToUpperInvariant() ?? "") + ",%",
            From = from,
            To = to,
            Limit = search.PageSize,
            Offset = (long)(search.Page - 1) * search.PageSize,
        };

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        const string From = " FROM studies s JOIN patients p ON p.id = s.patient_id";
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*)" + From + where, parameters, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        var rows = await connection.QueryAsync<StudyRow>(new CommandDefinition($"""
            SELECT s.id AS Id, s.study_uid AS StudyUid, p.pseudonym AS Pseudonym, s.study_date AS StudyDate, s.description AS Description,
                   s.modalities AS Modalities, s.series_count AS SeriesCount, s.instance_count AS InstanceCount, s.created_at AS CreatedAt
            {From}{where} ORDER BY {OrderBy(search.Sort, search.Descending)} LIMIT @Limit OFFSET @Offset
            """, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new StudyPage(rows.Select(r => r.ToSummary()).ToList(), total, search.Page, search.PageSize);
    }

    public async Task<StudyDetail?> GetStudyAsync(string studyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var study = await connection.QuerySingleOrDefaultAsync<StudyRow>(new CommandDefinition("""
            SELECT s.id AS Id, s.study_uid AS StudyUid, p.pseudonym AS Pseudonym, s.study_date AS StudyDate, s.description AS Description,
                   s.modalities AS Modalities, s.series_count AS SeriesCount, s.instance_count AS InstanceCount, s.created_at AS CreatedAt
            FROM studies s JOIN patients p ON p.id = s.patient_id WHERE s.id = @studyId
            """, new { studyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (study is null)
        {
            return null;
        }

        var series = await connection.QueryAsync<SeriesRow>(new CommandDefinition(
            $"SELECT {SeriesColumns} FROM series WHERE study_id = @studyId ORDER BY series_number, created_at, id",
            new { studyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new StudyDetail(study.Id, study.StudyUid, study.Pseudonym, study.StudyDate, study.Description, SplitModalities(study.Modalities),
            series.Select(r => r.ToSummary()).ToList());
    }

    public async Task<SeriesSummary?> GetSeriesAsync(string seriesId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<SeriesRow>(new CommandDefinition(
            $"SELECT {SeriesColumns} FROM series WHERE id = @seriesId", new { seriesId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToSummary();
    }

    public Task<IReadOnlyList<SeriesLocation>> LocateSeriesAsync(IReadOnlyCollection<string> seriesIds, CancellationToken cancellationToken = default) =>
        LocateAsync("r.id", seriesIds, cancellationToken);

    public Task<IReadOnlyList<SeriesLocation>> SeriesOfStudiesAsync(IReadOnlyCollection<string> studyIds, CancellationToken cancellationToken = default) =>
        LocateAsync("s.id", studyIds, cancellationToken);

    public async Task<IReadOnlyList<StoredInstance>> GetInstancesAsync(string seriesId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<InstanceRow>(new CommandDefinition(
            $"SELECT {InstanceColumns}{InstanceSource} WHERE i.series_id = @seriesId ORDER BY i.instance_number, i.id",
            new { seriesId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToInstance()).ToList();
    }

    public async Task<StoredInstance?> FindInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<InstanceRow>(new CommandDefinition(
            $"SELECT {InstanceColumns}{InstanceSource} WHERE i.sop_instance_uid = @sopInstanceUid",
            new { sopInstanceUid }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToInstance();
    }

    public async Task<IndexedInstance> AddInstanceAsync(InstanceEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var added = await AddInstancesAsync([entry], (_, _, _, _) => Task.CompletedTask, cancellationToken).ConfigureAwait(false);
        return added[0];
    }

    public async Task<IReadOnlyList<IndexedInstance>> AddInstancesAsync(IReadOnlyList<InstanceEntry> entries, IndexTransactionStep beforeCommit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(beforeCommit);
        var now = Timestamps.ToText(clock.GetUtcNow());
        return await _writer.WriteAsync<IReadOnlyList<IndexedInstance>>(durable: true, async (connection, transaction, token) =>
        {
            var indexed = new List<IndexedInstance>(entries.Count);
            foreach (var entry in entries)
            {
                indexed.Add(await AddAsync(connection, transaction, entry, now, token).ConfigureAwait(false));
            }

            await beforeCommit(indexed, connection, transaction, token).ConfigureAwait(false);
            return indexed;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IndexedInstance> AddAsync(DbConnection connection, DbTransaction transaction, InstanceEntry entry, string now,
        CancellationToken cancellationToken)
    {
        // ON CONFLICT DO NOTHING, then read back: concurrent uploads of one study meet on the unique keys, never duplicate.
        var patientId = await UpsertAsync(connection, transaction,
            "INSERT INTO patients (id, pseudonym, created_at) VALUES (@Id, @Pseudonym, @Now) ON CONFLICT (pseudonym) DO NOTHING",
            "SELECT id FROM patients WHERE pseudonym = @Pseudonym", new { Id = Ids.New(), entry.Pseudonym, Now = now }, cancellationToken).ConfigureAwait(false);
        var studyId = await UpsertAsync(connection, transaction, """
            INSERT INTO studies (id, patient_id, study_uid, study_date, study_time, description, created_at, updated_at)
            VALUES (@Id, @PatientId, @StudyUid, @StudyDate, @StudyTime, @StudyDescription, @Now, @Now) ON CONFLICT (study_uid) DO NOTHING
            """, "SELECT id FROM studies WHERE study_uid = @StudyUid",
            new { Id = Ids.New(), PatientId = patientId, entry.StudyUid, entry.StudyDate, entry.StudyTime, entry.StudyDescription, Now = now },
            cancellationToken).ConfigureAwait(false);
        var seriesId = await UpsertAsync(connection, transaction, """
            INSERT INTO series (id, study_id, series_uid, kind, modality, description, series_number, body_part, pixel_rows, pixel_columns,
                derived_from_series_id, created_at)
            VALUES (@Id, @StudyId, @SeriesUid, @Kind, @Modality, @SeriesDescription, @SeriesNumber, @BodyPart, @Rows, @Columns,
                @DerivedFromSeriesId, @Now)
            ON CONFLICT (series_uid) DO NOTHING
            """, "SELECT id FROM series WHERE series_uid = @SeriesUid",
            new
            {
                Id = Ids.New(), StudyId = studyId, entry.SeriesUid, entry.Kind, entry.Modality, entry.SeriesDescription, entry.SeriesNumber,
                entry.BodyPart, entry.Rows, entry.Columns, entry.DerivedFromSeriesId, Now = now,
            }, cancellationToken).ConfigureAwait(false);

        var instanceId = Ids.New();
        var added = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO instances (id, series_id, sop_instance_uid, sop_class_uid, instance_number, transfer_syntax, pixel_rows, pixel_columns,
                frames, object_key, size, sha256, created_at)
            VALUES (@Id, @SeriesId, @SopInstanceUid, @SopClassUid, @InstanceNumber, @TransferSyntax, @Rows, @Columns,
                @Frames, @ObjectKey, @Size, @Sha256, @Now)
            ON CONFLICT (sop_instance_uid) DO NOTHING
            """, new
        {
            Id = instanceId, SeriesId = seriesId, entry.SopInstanceUid, entry.SopClassUid, entry.InstanceNumber, entry.TransferSyntax,
            entry.Rows, entry.Columns, entry.Frames, entry.ObjectKey, entry.Size, entry.Sha256, Now = now,
        }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
        if (!added)
        {
            instanceId = await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT id FROM instances WHERE sop_instance_uid = @SopInstanceUid",
                new { entry.SopInstanceUid }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) ?? instanceId;
        }
        else
        {
            await RecountAsync(connection, transaction, studyId, seriesId, now, cancellationToken).ConfigureAwait(false);
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM pending_objects WHERE object_key = @ObjectKey", new { entry.ObjectKey },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new IndexedInstance(studyId, seriesId, instanceId, added);
    }

    public Task<IReadOnlyList<string>?> DeleteStudyAsync(string studyId, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync<IReadOnlyList<string>?>(durable: true, async (connection, transaction, token) =>
        {
            var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM studies WHERE id = @studyId",
                new { studyId }, transaction, cancellationToken: token)).ConfigureAwait(false);
            if (exists == 0)
            {
                return null;
            }

            var keys = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT i.object_key FROM instances i JOIN series r ON r.id = i.series_id WHERE r.study_id = @studyId",
                new { studyId }, transaction, cancellationToken: token)).ConfigureAwait(false)).ToList();
            foreach (var sql in StudyDeletion)
            {
                await connection.ExecuteAsync(new CommandDefinition(sql, new { studyId }, transaction, cancellationToken: token)).ConfigureAwait(false);
            }

            return keys;
        }, cancellationToken);

    public async Task<IReadOnlySet<string>> ObjectKeysAsync(TimeSpan pendingGrace, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var keys = await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT object_key FROM instances
            UNION SELECT object_key FROM pending_objects WHERE created_at > @since
            """, new { since = Timestamps.ToText(clock.GetUtcNow() - pendingGrace) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return keys.ToHashSet(StringComparer.Ordinal);
    }

    public Task MarkPendingAsync(string objectKey, CancellationToken cancellationToken = default)
    {
        var now = Timestamps.ToText(clock.GetUtcNow());
        return _writer.WriteAsync(durable: false, (connection, transaction, token) => connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO pending_objects (object_key, created_at) VALUES (@objectKey, @now)
            ON CONFLICT (object_key) DO UPDATE SET created_at = @now
            """, new { objectKey, now }, transaction, cancellationToken: token)), cancellationToken);
    }

    public Task ClearPendingAsync(string objectKey, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(durable: false, (connection, transaction, token) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM pending_objects WHERE object_key = @objectKey", new { objectKey }, transaction, cancellationToken: token)), cancellationToken);

    public void Dispose() => _writer.Dispose();

    /// <param name="key">The column the ids are of: a series' (<c>r.id</c>) or a study's (<c>s.id</c>).</param>
    private async Task<IReadOnlyList<SeriesLocation>> LocateAsync(string key, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SeriesLocation>(new CommandDefinition($"""
            SELECT r.id AS SeriesId, s.id AS StudyId, p.pseudonym AS Pseudonym, r.modality AS Modality, r.description AS SeriesDescription,
                   s.description AS StudyDescription
            FROM series r JOIN studies s ON s.id = r.study_id JOIN patients p ON p.id = s.patient_id
            WHERE {key} IN @ids
            """, new { ids = ids.Distinct(StringComparer.Ordinal).ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>The row's id, looked up first since most instances join a patient, study and series that exist.</summary>
    private static async Task<string> UpsertAsync(DbConnection connection, DbTransaction transaction, string insert, string select, object parameters,
        CancellationToken cancellationToken)
    {
        var query = new CommandDefinition(select, parameters, transaction, cancellationToken: cancellationToken);
        if (await connection.ExecuteScalarAsync<string>(query).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        await connection.ExecuteAsync(new CommandDefinition(insert, parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<string>(query).ConfigureAwait(false)
            ?? throw new InvalidOperationException("A row inserted in this transaction is not visible to it.");
    }

    private static async Task RecountAsync(DbConnection connection, DbTransaction transaction, string studyId, string seriesId, string now,
        CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("UPDATE series SET instance_count = instance_count + 1 WHERE id = @seriesId",
            new { seriesId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var modalities = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT modality FROM series WHERE study_id = @studyId ORDER BY modality", new { studyId }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE studies SET instance_count = instance_count + 1, series_count = (SELECT COUNT(*) FROM series WHERE study_id = @studyId),
                modalities = @modalities, updated_at = @now
            WHERE id = @studyId
            """, new { studyId, modalities = string.Join(',', modalities), now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Missing dates and descriptions sort last in both directions and on both databases (SQLite puts NULL first,
    /// PostgreSQL last); the other columns are never null, so their order can come straight from an index. The id breaks
    /// ties, so that a page boundary never falls between equal values differently from one request to the next.
    /// </summary>
    private static string OrderBy(StudySort sort, bool descending)
    {
        var direction = descending ? "DESC" : "ASC";
        var (column, nullable) = sort switch
        {
            StudySort.Uploaded => ("s.created_at", false),
            StudySort.StudyDate => ("s.study_date", true),
            StudySort.Pseudonym => ("p.pseudonym", false),
            StudySort.Description => ("s.description", true),
            StudySort.Modalities => ("s.modalities", false),
            StudySort.SeriesCount => ("s.series_count", false),
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Not a study list column."),
        };
        return nullable ? $"({column} IS NULL), {column} {direction}, s.id {direction}" : $"{column} {direction}, s.id {direction}";
    }

    private static string? ValidDate(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim().Replace("-", "", StringComparison.Ordinal);
        return trimmed.Length == 8 && trimmed.All(char.IsAsciiDigit)
            ? trimmed
            : throw new ArgumentException($"{name} must be a date as YYYYMMDD or YYYY-MM-DD, got '{text}'.", name);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static string[] SplitModalities(string modalities) =>
        modalities.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private sealed record StudyRow
    {
        public string Id { get; init; } = "";
        public string StudyUid { get; init; } = "";
        public string Pseudonym { get; init; } = "";
        public string? StudyDate { get; init; }
        public string? Description { get; init; }
        public string Modalities { get; init; } = "";
        public int SeriesCount { get; init; }
        public int InstanceCount { get; init; }
        public string CreatedAt { get; init; } = "";

        public StudySummary ToSummary() =>
            new(Id, StudyUid, Pseudonym, StudyDate, Description, SplitModalities(Modalities), SeriesCount, InstanceCount, Timestamps.Parse(CreatedAt));
    }

    // SQLite hands back 64-bit integers and PostgreSQL 32-bit ones: rows read into settable properties, which Dapper
    // converts, and become the public records here.
    private sealed record SeriesRow
    {
        public string Id { get; init; } = "";
        public string SeriesInstanceUid { get; init; } = "";
        public string Modality { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Description { get; init; }
        public int? SeriesNumber { get; init; }
        public int? Rows { get; init; }
        public int? Columns { get; init; }
        public int Instances { get; init; }
        public string? DerivedFromSeriesId { get; init; }

        public SeriesSummary ToSummary() => new(Id, SeriesInstanceUid, Modality, Kind, Description, SeriesNumber, Rows, Columns, Instances, DerivedFromSeriesId);
    }

    private sealed record InstanceRow
    {
        public string Id { get; init; } = "";
        public string StudyId { get; init; } = "";
        public string SeriesId { get; init; } = "";
        public string SopInstanceUid { get; init; } = "";
        public string ObjectKey { get; init; } = "";
        public long Size { get; init; }
        public string Sha256 { get; init; } = "";
        public int? InstanceNumber { get; init; }

        public StoredInstance ToInstance() => new(Id, StudyId, SeriesId, SopInstanceUid, ObjectKey, Size, Sha256, InstanceNumber);
    }
}
