using System.Globalization;
using Microsoft.Extensions.Primitives;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>Parses the query parameters of a QIDO-RS search (PS3.18 8.3.4) into a <see cref="QidoQuery"/>.</summary>
public static class QidoQueryParser
{
    /// <param name="parameters">The query string, e.g. an ASP.NET Core <c>IQueryCollection</c>.</param>
    /// <param name="level">What the search returns.</param>
    /// <param name="within">
    /// The level the resource is scoped to, if any: Study for /studies/{uid}/series, Series for
    /// /studies/{uid}/series/{uid}/instances. It decides which levels' default attributes are returned.
    /// </param>
    /// <exception cref="QidoQueryException">A parameter is not valid: answer 400 with its message.</exception>
    public static QidoQuery Parse(IEnumerable<KeyValuePair<string, StringValues>> parameters, QidoLevel level, QidoLevel? within = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (within >= level)
        {
            throw new ArgumentOutOfRangeException(nameof(within), within, $"A {level} search cannot be scoped to a {within}.");
        }

        var matches = new List<QidoMatch>();
        var returned = new SortedSet<DicomTag>(QidoReturnAttributes.For(level, within));
        var includeAll = false;
        int? limit = null;
        var offset = 0;
        var warnings = new List<string>();
        var keys = new HashSet<DicomTag>();
        foreach (var (name, values) in parameters)
        {
            switch (name.ToLowerInvariant())
            {
                case "":
                case "accept":
                case "charset":
                    // Content negotiation by query (PS3.18 8.3.3.1) is the endpoint's business, not the search's.
                    break;
                case "includefield":
                    foreach (var field in values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
                    {
                        if (field == "all")
                        {
                            includeAll = true;
                        }
                        else
                        {
                            returned.Add(QidoAttributes.Resolve(name, field).Tag);
                        }
                    }

                    break;
                case "limit":
                    limit = Count(name, values);
                    break;
                case "offset":
                    offset = Count(name, values);
                    break;
                case "fuzzymatching" or "emptyvaluematching" or "multiplevaluematching":
                    if (Flag(name, values))
                    {
                        warnings.Add($"The {name} parameter is not supported. Only literal matching has been performed.");
                    }

                    break;
                default:
                    var (tag, vr) = QidoAttributes.Resolve(name, name);
                    if (values.Count > 1 || !keys.Add(tag))
                    {
                        throw new QidoQueryException(name, $"{DicomRegistry.Describe(tag)} is given more than once; give one value, or a comma-separated list of UIDs.");
                    }

                    returned.Add(tag);
                    if (QidoMatchParser.Parse(name, tag, vr, (values.ToString() ?? "").Trim(' ')) is { } match)
                    {
                        matches.Add(match);
                    }

                    break;
            }
        }

        return new QidoQuery(matches, [.. returned], includeAll, limit, offset, warnings);
    }

    /// <summary>limit and offset: an unsigned integer (8.3.4.4).</summary>
    private static int Count(string name, StringValues values) =>
        values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new QidoQueryException(name, $"'{values}' is not a whole number from 0 to {int.MaxValue}.");

    private static bool Flag(string name, StringValues values) => values.ToString() switch
    {
        "true" => true,
        "false" => false,
        var other => throw new QidoQueryException(name, $"'{other}' is neither true nor false."),
    };
}
