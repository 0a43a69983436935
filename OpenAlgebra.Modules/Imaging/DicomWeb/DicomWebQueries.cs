using System.Globalization;
using Dapper;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

internal sealed class DicomWebQueries(ISqlDatabase database) : IDicomWebQueries
{
    private static readonly DicomTag StudyDateTag = new(0x0008, 0x0020);
    private static readonly DicomTag StudyTimeTag = new(0x0008, 0x0030);
    private static readonly DicomTag ModalitiesInStudyTag = new(0x0008, 0x0061);
    private static readonly DicomTag StudyDescriptionTag = new(0x0008, 0x1030);
    private static readonly DicomTag SeriesDescriptionTag = new(0x0008, 0x103E);
    private static readonly DicomTag SeriesNumberTag = new(0x0020, 0x0011);
    private static readonly DicomTag InstanceNumberTag = new(0x0020, 0x0013);
    private static readonly DicomTag RelatedSeriesTag = new(0x0020, 0x1206);
    private static readonly DicomTag StudyRelatedInstancesTag = new(0x0020, 0x1208);
    private static readonly DicomTag SeriesRelatedInstancesTag = new(0x0020, 0x1209);
    private static readonly DicomTag InstanceAvailabilityTag = new(0x0008, 0x0056);
    private static readonly DicomTag BodyPartExaminedTag = new(0x0018, 0x0015);

    private static readonly Dictionary<DicomTag, QidoColumn> StudyColumns = new()
    {
        [DicomTags.StudyInstanceUid] = new("s.study_uid"),
        [StudyDateTag] = new("s.study_date"),
        [StudyTimeTag] = new("s.study_time"),
        [DicomTags.PatientId] = new("p.pseudonym"),
        [DicomTags.PatientName] = new("p.pseudonym"),
        [StudyDescriptionTag] = new("s.description"),
        [ModalitiesInStudyTag] = new("x.modality") { ExistsIn = "SELECT 1 FROM series x WHERE x.study_id = s.id" },
    };

    private static readonly Dictionary<DicomTag, QidoColumn> SeriesColumns = new(StudyColumns)
    {
        [DicomTags.SeriesInstanceUid] = new("r.series_uid"),
        [DicomTags.Modality] = new("r.modality"),
        [SeriesDescriptionTag] = new("r.description"),
        [BodyPartExaminedTag] = new("r.body_part"),
    };

    private static readonly Dictionary<DicomTag, QidoColumn> InstanceColumns = new(SeriesColumns)
    {
        [DicomTags.SopInstanceUid] = new("i.sop_instance_uid"),
        [DicomTags.SopClassUid] = new("i.sop_class_uid"),
    };

    private const string StudyFrom = " FROM studies s JOIN patients p ON p.id = s.patient_id";
    private const string SeriesFrom = StudyFrom + " JOIN series r ON r.study_id = s.id";
    private const string InstanceFrom = SeriesFrom + " JOIN instances i ON i.series_id = r.id";

    public async Task<QidoResult> StudiesAsync(QidoQuery query, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync<Row>(query, StudyColumns, "SELECT " + StudySelect + StudyFrom, [], "s.study_date DESC, s.id", cancellationToken)
            .ConfigureAwait(false);
        return Result(query, StudyColumns, rows.Select(r => r.Study()));
    }

    public async Task<QidoResult> SeriesAsync(QidoQuery query, string? studyUid, CancellationToken cancellationToken = default)
    {
        var scope = studyUid is null ? [] : new[] { ("s.study_uid = @scopeStudy", (object)studyUid) };
        var rows = await QueryAsync<Row>(query, SeriesColumns, "SELECT " + StudySelect + ", " + SeriesSelect + SeriesFrom, scope,
            "s.id, r.series_number, r.id", cancellationToken).ConfigureAwait(false);
        return Result(query, SeriesColumns, rows.Select(r => r.Series()));
    }

    public async Task<QidoResult> InstancesAsync(QidoQuery query, string? studyUid, string? seriesUid, CancellationToken cancellationToken = default)
    {
        var scope = new List<(string, object)>();
        if (studyUid is not null) scope.Add(("s.study_uid = @scopeStudy", studyUid));
        if (seriesUid is not null) scope.Add(("r.series_uid = @scopeSeries", seriesUid));
        var rows = await QueryAsync<Row>(query, InstanceColumns, "SELECT " + StudySelect + ", " + SeriesSelect + ", " + InstanceSelect + InstanceFrom, scope,
            "r.id, i.instance_number, i.id", cancellationToken).ConfigureAwait(false);
        return Result(query, InstanceColumns, rows.Select(r => r.Instance()));
    }

    public async Task<IReadOnlyList<StoredInstance>> RetrievableAsync(string studyUid, string? seriesUid, string? sopInstanceUid,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {StudySelect}, {SeriesSelect}, {InstanceSelect}, s.id AS StudyId, r.id AS SeriesId, i.id AS InstanceId, i.object_key AS ObjectKey, " +
            $"i.size AS Size, i.sha256 AS Sha256{InstanceFrom} WHERE s.study_uid = @studyUid AND (@seriesUid IS NULL OR r.series_uid = @seriesUid) " +
            "AND (@sopInstanceUid IS NULL OR i.sop_instance_uid = @sopInstanceUid) ORDER BY r.series_number, r.id, i.instance_number, i.id",
            new { studyUid, seriesUid, sopInstanceUid }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new StoredInstance(r.InstanceId, r.StudyId, r.SeriesId, r.SopInstanceUid, r.ObjectKey, r.Size, r.Sha256, r.InstanceNumber)).ToList();
    }

    private const string StudySelect =
        "s.study_uid AS StudyUid, s.study_date AS StudyDate, s.study_time AS StudyTime, s.description AS StudyDescription, " +
        "s.modalities AS Modalities, s.series_count AS SeriesCount, s.instance_count AS StudyInstances, p.pseudonym AS Pseudonym";

    private const string SeriesSelect =
        "r.series_uid AS SeriesUid, r.modality AS Modality, r.description AS SeriesDescription, r.series_number AS SeriesNumber, " +
        "r.body_part AS BodyPart, r.instance_count AS SeriesInstances";

    private const string InstanceSelect =
        "i.sop_instance_uid AS SopInstanceUid, i.sop_class_uid AS SopClassUid, i.instance_number AS InstanceNumber, " +
        "i.pixel_rows AS PixelRows, i.pixel_columns AS PixelColumns, i.frames AS Frames";

    private async Task<IEnumerable<T>> QueryAsync<T>(QidoQuery query, Dictionary<DicomTag, QidoColumn> columns, string select,
        IReadOnlyList<(string Condition, object Value)> scope, string orderBy, CancellationToken cancellationToken)
    {
        var filter = QidoSql.ToSql(query, columns);
        var parameters = new DynamicParameters(filter.Parameters);
        var conditions = new List<string>();
        if (filter.Where.Length > 0) conditions.Add(filter.Where);
        foreach (var (condition, value) in scope)
        {
            conditions.Add(condition);
            parameters.Add(condition[(condition.IndexOf('@', StringComparison.Ordinal) + 1)..], value);
        }

        parameters.Add("limit", Math.Min(query.Limit ?? IDicomWebQueries.MaxResults, IDicomWebQueries.MaxResults));
        parameters.Add("offset", query.Offset);
        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QueryAsync<T>(new CommandDefinition($"{select}{where} ORDER BY {orderBy} LIMIT @limit OFFSET @offset", parameters,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static QidoResult Result(QidoQuery query, Dictionary<DicomTag, QidoColumn> columns, IEnumerable<DicomDataset> datasets)
    {
        var warnings = query.Warnings.Concat(query.MatchingKeys.Where(k => !columns.ContainsKey(k.Tag))
            .Select(k => $"{DicomRegistry.Describe(k.Tag)} is not kept in the index and was not used for matching")).ToList();
        return new QidoResult(datasets.ToList(), warnings);
    }

    private sealed record Row
    {
        public string StudyUid { get; init; } = "";
        public string? StudyDate { get; init; }
        public string? StudyTime { get; init; }
        public string? StudyDescription { get; init; }
        public string Modalities { get; init; } = "";
        public int SeriesCount { get; init; }
        public int StudyInstances { get; init; }
        public string Pseudonym { get; init; } = "";
        public string SeriesUid { get; init; } = "";
        public string Modality { get; init; } = "";
        public string? SeriesDescription { get; init; }
        public int? SeriesNumber { get; init; }
        public string? BodyPart { get; init; }
        public int SeriesInstances { get; init; }
        public string SopInstanceUid { get; init; } = "";
        public string? SopClassUid { get; init; }
        public int? InstanceNumber { get; init; }
        public int? PixelRows { get; init; }
        public int? PixelColumns { get; init; }
        public int? Frames { get; init; }
        public string StudyId { get; init; } = "";
        public string SeriesId { get; init; } = "";
        public string InstanceId { get; init; } = "";
        public string ObjectKey { get; init; } = "";
        public long Size { get; init; }
        public string Sha256 { get; init; } = "";

        public DicomDataset Study()
        {
            var ds = new DicomDataset();
            // Every stored object is on line: the index lists nothing else.
            Text(ds, InstanceAvailabilityTag, DicomVR.CS, "ONLINE");
            Text(ds, StudyDateTag, DicomVR.DA, StudyDate);
            Text(ds, StudyTimeTag, DicomVR.TM, StudyTime);
            Text(ds, ModalitiesInStudyTag, DicomVR.CS, Modalities.Replace(',', '\\'));
            Text(ds, StudyDescriptionTag, DicomVR.LO, StudyDescription);
            Text(ds, DicomTags.PatientName, DicomVR.PN, Pseudonym);
            Text(ds, DicomTags.PatientId, DicomVR.LO, Pseudonym);
            Text(ds, DicomTags.StudyInstanceUid, DicomVR.UI, StudyUid);
            Text(ds, RelatedSeriesTag, DicomVR.IS, Number(SeriesCount));
            Text(ds, StudyRelatedInstancesTag, DicomVR.IS, Number(StudyInstances));
            return ds;
        }

        public DicomDataset Series()
        {
            var ds = Study();
            ds.Remove(RelatedSeriesTag);
            ds.Remove(StudyRelatedInstancesTag);
            Text(ds, DicomTags.Modality, DicomVR.CS, Modality);
            Text(ds, SeriesDescriptionTag, DicomVR.LO, SeriesDescription);
            Text(ds, DicomTags.SeriesInstanceUid, DicomVR.UI, SeriesUid);
            Text(ds, SeriesNumberTag, DicomVR.IS, SeriesNumber is { } n ? Number(n) : null);
            Text(ds, BodyPartExaminedTag, DicomVR.CS, BodyPart);
            Text(ds, SeriesRelatedInstancesTag, DicomVR.IS, Number(SeriesInstances));
            return ds;
        }

        public DicomDataset Instance()
        {
            var ds = Series();
            ds.Remove(SeriesRelatedInstancesTag);
            Text(ds, DicomTags.SopClassUid, DicomVR.UI, SopClassUid);
            Text(ds, DicomTags.SopInstanceUid, DicomVR.UI, SopInstanceUid);
            Text(ds, InstanceNumberTag, DicomVR.IS, InstanceNumber is { } n ? Number(n) : null);
            if (PixelRows is { } rows) ds.SetUInt16(DicomTags.Rows, (ushort)rows);
            if (PixelColumns is { } columns) ds.SetUInt16(DicomTags.Columns, (ushort)columns);
            Text(ds, DicomTags.NumberOfFrames, DicomVR.IS, Frames is { } f ? Number(f) : null);
            return ds;
        }

        private static void Text(DicomDataset ds, DicomTag tag, DicomVR vr, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                ds.SetString(tag, vr, value);
            }
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
