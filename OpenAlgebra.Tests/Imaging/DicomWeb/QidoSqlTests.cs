using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.DicomWeb;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Imaging.DicomWeb;

/// <summary>The SQL of a search, run on a real table, selects exactly the studies the in-memory matcher accepts.</summary>
public sealed class QidoSqlTests
{
    private static readonly Dictionary<DicomTag, QidoColumn> Columns = new()
    {
        [DicomTags.PatientId] = new("s.patient_id"),
        [DicomTags.PatientName] = new("s.patient_name"),
        [new DicomTag(0x0008, 0x0020)] = new("s.study_date"),
        [new DicomTag(0x0008, 0x0030)] = new("s.study_time"),
        [DicomTags.StudyInstanceUid] = new("s.study_uid"),
        [new DicomTag(0x0008, 0x0050)] = new("s.accession"),
        [new DicomTag(0x0008, 0x1030)] = new("s.description"),
        [new DicomTag(0x0020, 0x1208)] = new("s.instances"),
        [new DicomTag(0x0008, 0x0090)] = new("s.referring"),
        // Multi-valued, one value per series row.
        [new DicomTag(0x0008, 0x0061)] = new("x.modality") { ExistsIn = "SELECT 1 FROM qido_series x WHERE x.study_id = s.id" },
    };

    private static readonly Study[] Studies =
    [
        new(1, "PAT-001", "Doe^John", "20200615", "143000.25", "1.2.3", "100%_A", "", 12, null, ["CT", "MR"]),
        new(2, "pat-002", "DOE^JANE", "20191231", "0800", "1.2.4", "100xyA", "Brain MRI", 3, "Smith^A", ["MR"]),
        new(3, "PAT_003", "Müller^Jürgen", "20210101", "235959", "1.2.5", "100%_B", "50% dose", 40, null, ["CT"]),
        new(4, "PAT%004", "O'Brien^Pat", "", null, "1.2.6", null, null, null, "", []),
    ];

    /// <summary>A query and the studies it must select, on every database and in memory.</summary>
    private static readonly (string Query, int[] Expected)[] Queries =
    [
        ("", [1, 2, 3, 4]),
        ("PatientID=PAT-001", [1]),
        ("PatientID=PAT*", [1, 2, 3, 4]),
        // _ and % are literal characters of the key, not LIKE's wildcards.
        ("PatientID=PAT_*", [3]),
        ("PatientID=PAT%25*", [4]),
        ("PatientID=%3F%3F%3F_003", [3]),
        ("PatientName=doe*", [1, 2]),
        ("PatientName=doe%5Ejohn", [1]),
        ("PatientName=Müller*", [3]),
        ("PatientName=*'*", [4]),
        ("StudyDate=20200101-20201231", [1]),
        ("StudyDate=-20200615", [1, 2]),
        ("StudyDate=20200101-", [1, 3]),
        ("StudyDate=20200615", [1]),
        ("StudyTime=14-15", [1]),
        ("StudyTime=-0800", [2]),
        ("StudyTime=2359-", [3]),
        ("ModalitiesInStudy=MR", [1, 2]),
        ("ModalitiesInStudy=C%3F", [1, 3]),
        ("ModalitiesInStudy=US", []),
        ("StudyInstanceUID=1.2.3,1.2.5", [1, 3]),
        ("StudyInstanceUID=1.2.6", [4]),
        ("AccessionNumber=100%25_A", [1]),
        ("AccessionNumber=100%25*", [1, 3]),
        ("AccessionNumber=100%3F_%3F", [1, 3]),
        ("StudyDescription=*%25*", [3]),
        ("StudyDescription=brain*", [2]),
        ("StudyDescription=*", [1, 2, 3, 4]),
        ("NumberOfStudyRelatedInstances=12", [1]),
        ("NumberOfStudyRelatedInstances=3.0", [2]),
        ("ReferringPhysicianName=smith*", [2]),
        ("ReferringPhysicianName=", [1, 2, 3, 4]),
        ("PatientID=PAT*&StudyDate=20200101-&ModalitiesInStudy=CT", [1, 3]),
    ];

    public static TheoryData<string, string, int[]> QueriesOnEachDatabase()
    {
        var data = new TheoryData<string, string, int[]>();
        foreach (var provider in new[] { DatabaseProviders.Sqlite, DatabaseProviders.Postgres })
        {
            foreach (var (query, expected) in Queries)
            {
                data.Add(provider, query, expected);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(QueriesOnEachDatabase))]
    public async Task The_where_clause_selects_what_the_matcher_accepts(string provider, string query, int[] expected)
    {
        var parsed = QidoQueryParserTests.Parse(query);
        var filter = QidoSql.ToSql(parsed, Columns);
        await using var connection = await Open(provider);

        var selected = await connection.QueryAsync<int>($"SELECT s.id FROM qido_studies s WHERE {filter.Where} ORDER BY s.id", filter.Parameters);

        Assert.Equal(expected, selected);
        Assert.Equal(expected, Studies.Where(s => parsed.Matches(s.Dataset())).Select(s => s.Id));
        Assert.Empty(filter.Unmapped);
    }

    [Fact]
    public void The_where_clause_is_parameterized_and_names_keys_it_has_no_column_for()
    {
        var query = QidoQueryParserTests.Parse("PatientID=PAT%25*&PatientAge=030Y&StudyDate=-20200101&StudyInstanceUID=1.2,1.3&PatientName=Doe");

        var filter = QidoSql.ToSql(query, Columns, "p");

        Assert.Equal(
            "(LOWER(s.patient_id) LIKE LOWER(@p0) ESCAPE '\\') AND (s.study_date > '' AND s.study_date <= @p1) AND (s.study_uid IN (@p2, @p3)) AND (LOWER(s.patient_name) = LOWER(@p4))",
            filter.Where);
        Assert.Equal(new Dictionary<string, object> { ["p0"] = "PAT\\%%", ["p1"] = "20200101", ["p2"] = "1.2", ["p3"] = "1.3", ["p4"] = "Doe" }, filter.Parameters);
        Assert.Equal([new DicomTag(0x0010, 0x1010)], filter.Unmapped);
        Assert.Equal("1 = 1", QidoSql.ToSql(QidoQueryParserTests.Parse("PatientName=*"), Columns).Where);
    }

    private static async Task<DbConnection> Open(string provider)
    {
        DbConnection connection = provider == DatabaseProviders.Postgres ? new NpgsqlConnection(Services.Postgres) : new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        // Temporary tables, so PostgreSQL keeps nothing; "C" ordering for times, as QidoColumn asks of PostgreSQL.
        var (temporary, ordered) = provider == DatabaseProviders.Postgres ? ("TEMPORARY ", " COLLATE \"C\"") : ("TEMP ", "");
        await connection.ExecuteAsync($"""
            CREATE {temporary}TABLE qido_studies (id INTEGER PRIMARY KEY, patient_id TEXT, patient_name TEXT, study_date TEXT{ordered},
                study_time TEXT{ordered}, study_uid TEXT, accession TEXT, description TEXT, instances INTEGER, referring TEXT);
            CREATE {temporary}TABLE qido_series (study_id INTEGER, modality TEXT);
            """);
        foreach (var study in Studies)
        {
            await connection.ExecuteAsync(
                "INSERT INTO qido_studies VALUES (@Id, @PatientId, @PatientName, @Date, @Time, @Uid, @Accession, @Description, @Instances, @Referring)", study);
            foreach (var modality in study.Modalities)
            {
                await connection.ExecuteAsync("INSERT INTO qido_series VALUES (@Id, @Modality)", new { study.Id, Modality = modality });
            }
        }

        return connection;
    }

    /// <summary>One study as an index row and as the data set it was indexed from (null: attribute absent).</summary>
    private sealed record Study(int Id, string PatientId, string PatientName, string Date, string? Time, string Uid, string? Accession,
        string? Description, int? Instances, string? Referring, string[] Modalities)
    {
        public DicomDataset Dataset()
        {
            var dataset = new DicomDataset();
            Set(dataset, DicomTags.PatientId, DicomVR.LO, PatientId);
            Set(dataset, DicomTags.PatientName, DicomVR.PN, PatientName);
            Set(dataset, new DicomTag(0x0008, 0x0020), DicomVR.DA, Date);
            Set(dataset, new DicomTag(0x0008, 0x0030), DicomVR.TM, Time);
            Set(dataset, DicomTags.StudyInstanceUid, DicomVR.UI, Uid);
            Set(dataset, new DicomTag(0x0008, 0x0050), DicomVR.SH, Accession);
            Set(dataset, new DicomTag(0x0008, 0x1030), DicomVR.LO, Description);
            Set(dataset, new DicomTag(0x0020, 0x1208), DicomVR.IS, Instances?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set(dataset, new DicomTag(0x0008, 0x0090), DicomVR.PN, Referring);
            Set(dataset, new DicomTag(0x0008, 0x0061), DicomVR.CS, Modalities.Length == 0 ? null : string.Join('\\', Modalities));
            return dataset;
        }

        private static void Set(DicomDataset dataset, DicomTag tag, DicomVR vr, string? value)
        {
            if (value is not null)
            {
                dataset.SetString(tag, vr, value);
            }
        }
    }
}
