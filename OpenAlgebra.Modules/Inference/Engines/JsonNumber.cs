using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenAlgebra.Modules.Inference.Engines;

/// <summary>
/// Reads a JSON number as a double whatever it holds: a value built in code keeps its CLR type (int, long, float…) and
/// refuses <c>GetValue&lt;double&gt;</c>, while one parsed from a request holds JSON text.
/// </summary>
internal static class JsonNumber
{
    public static bool TryRead(JsonNode? node, out double number)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            number = value.TryGetValue<double>(out var direct) ? direct : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
            return true;
        }

        number = double.NaN;
        return false;
    }
}
