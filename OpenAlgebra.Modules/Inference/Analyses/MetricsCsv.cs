using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenAlgebra.Modules.Inference.Analyses;

/// <summary>
/// The metrics document as CSV in long form, one value a row (<c>analysis_id,engine,version,label,metric,value</c>),
/// which fits every engine's metrics and opens as a table in a spreadsheet or a data frame. Values of a list of
/// per-label objects (<c>labels</c>, <c>reference</c>) get their label; nested names are joined with dots
/// (<c>boundingBox.min</c>); a list of numbers is one value, space-separated.
/// </summary>
internal static class MetricsCsv
{
    public static byte[] Write(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var prefix = string.Join(',', Field(document["analysisId"]), Field(document["engine"]), Field(document["version"]));
        var csv = new StringBuilder("analysis_id,engine,version,label,metric,value\r\n");
        if (document["metrics"] is JsonObject metrics)
        {
            foreach (var (name, value) in metrics)
            {
                Rows(csv, prefix, "", name, value);
            }
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static void Rows(StringBuilder csv, string prefix, string label, string metric, JsonNode? value)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (name, inner) in obj)
                {
                    Rows(csv, prefix, label, $"{metric}.{name}", inner);
                }

                break;
            case JsonArray array when array.All(e => e is JsonObject):
                foreach (var item in array.Cast<JsonObject>())
                {
                    var itemLabel = item["label"] is { } l ? Text(l) : label;
                    foreach (var (name, inner) in item.Where(p => p.Key != "label"))
                    {
                        Rows(csv, prefix, itemLabel, $"{metric}.{name}", inner);
                    }
                }

                break;
            default:
                csv.Append(prefix).Append(',').Append(Escape(label)).Append(',').Append(Escape(metric)).Append(',').Append(Field(value)).Append("\r\n");
                break;
        }
    }

    private static string Field(JsonNode? value) => Escape(value is null ? "" : Text(value));

    private static string Text(JsonNode value) => value switch
    {
        JsonArray array => string.Join(' ', array.Select(e => e is null ? "" : Text(e))),
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonValue v when v.TryGetValue(out double d) => d.ToString("R", CultureInfo.InvariantCulture),
        _ => value.ToJsonString(),
    };

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.</summary>
    private static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
