using System.Globalization;
using System.Text.Json.Nodes;

namespace OpenAlgebra.Modules.Inference.Engines;

/// <summary>
/// Reads an engine's parameters from a request, refusing unknown names and values of the wrong kind with a message
/// that names the parameter, so a typo in <c>betta</c> fails instead of silently running with the default.
/// </summary>
internal sealed class EngineParameters
{
    private readonly string _engine;
    private readonly JsonObject _values;

    private EngineParameters(string engine, JsonObject values)
    {
        _engine = engine;
        _values = values;
    }

    /// <summary>The request's parameters, checked against the names the engine's defaults define.</summary>
    public static EngineParameters Read(IAnalysisEngine engine, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var known = engine.DefaultParameters();
        foreach (var (name, _) in parameters)
        {
            if (!known.ContainsKey(name))
            {
                throw new AnalysisInputException(
                    $"Unknown parameter '{name}' for {engine.Name}; it takes {string.Join(", ", known.Select(p => p.Key))}.");
            }
        }

        var merged = known;
        foreach (var (name, value) in parameters)
        {
            merged[name] = value?.DeepClone();
        }

        return new EngineParameters(engine.Name, merged);
    }

    /// <summary>A finite number strictly inside (<paramref name="above"/>, <paramref name="atMost"/>].</summary>
    public double Number(string name, double above = double.NegativeInfinity, double atMost = double.PositiveInfinity)
    {
        var value = NumberOrNull(name) ?? throw Invalid(name, "a number");
        if (!(double.IsFinite(value) && value > above && value <= atMost))
        {
            throw Invalid(name, Range(above, atMost));
        }

        return value;
    }

    /// <summary>A number, or null when the parameter is null (an optional setting left off).</summary>
    public double? OptionalNumber(string name)
    {
        var value = NumberOrNull(name);
        if (value is { } number && !double.IsFinite(number))
        {
            throw Invalid(name, "a finite number");
        }

        return value;
    }

    public int Integer(string name, int atLeast, int atMost = int.MaxValue)
    {
        var value = NumberOrNull(name) ?? throw Invalid(name, "an integer");
        if (value != Math.Floor(value) || value < atLeast || value > atMost)
        {
            throw Invalid(name, atMost == int.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"an integer ≥ {atLeast}")
                : string.Create(CultureInfo.InvariantCulture, $"an integer from {atLeast} to {atMost}"));
        }

        return (int)value;
    }

    public bool Flag(string name) => _values[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : throw Invalid(name, "true or false");

    /// <summary>One of <paramref name="choices"/>, compared exactly.</summary>
    public string Choice(string name, params string[] choices)
    {
        var node = _values[name];
        if (node is JsonValue value && value.TryGetValue<string>(out var text) && choices.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        throw Invalid(name, "one of " + string.Join(", ", choices.Select(c => $"'{c}'")));
    }

    private double? NumberOrNull(string name)
    {
        var node = _values[name];
        if (node is null)
        {
            return null;
        }

        if (JsonNumber.TryRead(node, out var number))
        {
            return number;
        }

        throw Invalid(name, "a number");
    }

    private AnalysisInputException Invalid(string name, string expected) =>
        new($"Parameter '{name}' of {_engine} must be {expected}, got {_values[name]?.ToJsonString() ?? "null"}.");

    private static string Range(double above, double atMost) => (double.IsNegativeInfinity(above), double.IsPositiveInfinity(atMost)) switch
    {
        (true, true) => "a finite number",
        (false, true) => string.Create(CultureInfo.InvariantCulture, $"a number > {above}"),
        (true, false) => string.Create(CultureInfo.InvariantCulture, $"a number ≤ {atMost}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"a number > {above} and ≤ {atMost}"),
    };
}
