using System.Globalization;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>
/// Turns the matching keys of a <see cref="QidoQuery"/> into a WHERE clause with parameters, in SQL both SQLite and
/// PostgreSQL run: =, IN, LIKE … ESCAPE '\', &gt;= and &lt;=, LOWER and EXISTS only. It selects what
/// <see cref="QidoQuery.Matches"/> accepts.
/// </summary>
public static class QidoSql
{
    /// <param name="columns">Where each searchable attribute is kept.</param>
    /// <param name="parameterPrefix">Names the parameters (@qido0, @qido1, …) so they do not clash with the caller's.</param>
    public static QidoSqlFilter ToSql(QidoQuery query, IReadOnlyDictionary<DicomTag, QidoColumn> columns, string parameterPrefix = "qido")
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(columns);
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        var conditions = new List<string>();
        var unmapped = new List<DicomTag>();
        foreach (var match in query.MatchingKeys)
        {
            if (!columns.TryGetValue(match.Tag, out var column))
            {
                unmapped.Add(match.Tag);
                continue;
            }

            string Parameter(object value)
            {
                var name = parameterPrefix + parameters.Count.ToString(CultureInfo.InvariantCulture);
                parameters[name] = value;
                return "@" + name;
            }

            var condition = Condition(match, column.Expression, Parameter);
            conditions.Add(column.ExistsIn is { } rows ? $"EXISTS ({rows} AND {condition})" : $"({condition})");
        }

        return new QidoSqlFilter(conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions), parameters, unmapped);
    }

    private static string Condition(QidoMatch match, string column, Func<object, string> parameter) => match switch
    {
        QidoSingleValueMatch { VR: DicomVR.PN } single => $"LOWER({column}) = LOWER({parameter(single.Value)})",
        QidoSingleValueMatch single when QidoVRs.IsNumeric(single.VR) => $"{column} = {parameter(Number(single.Value))}",
        QidoSingleValueMatch single => $"{column} = {parameter(single.Value)}",
        QidoUidListMatch list => $"{column} IN ({string.Join(", ", list.Uids.Select(u => parameter(u)))})",
        QidoWildcardMatch wildcard => $"LOWER({column}) LIKE LOWER({parameter(QidoWildcard.ToLike(wildcard.Pattern))}) ESCAPE '{QidoWildcard.Escape}'",
        QidoRangeMatch range => string.Join(" AND ", new[]
        {
            // An empty value is no date: without a lower bound, '' would pass "<= upper".
            range.Lower is { } lower ? $"{column} >= {parameter(lower)}" : $"{column} > ''",
            range.UpperInclusive is { } upper ? $"{column} <= {parameter(upper)}" : null,
        }.Where(c => c is not null)),
        _ => throw new ArgumentException($"No SQL for a {match.GetType().Name}.", nameof(match)),
    };

    /// <summary>An integer stays an integer, so that it compares exactly with INTEGER columns on both databases.</summary>
    private static object Number(string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? integer
            : double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
