using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Analyses;

/// <summary>The parameters an analysis runs with: the engine version's defaults, overlaid with the request's values.</summary>
internal static class ParameterSet
{
    /// <exception cref="InferenceRequestException">Not an object, an unknown name, or a value of another JSON kind than its default.</exception>
    public static JsonObject Overlay(JsonNode? given, IAnalysisEngine engine)
    {
        var parameters = engine.DefaultParameters();
        if (given is null)
        {
            return parameters;
        }

        if (given is not JsonObject values)
        {
            throw new InferenceRequestException("parameters", $"parameters must be an object of names and values, e.g. {parameters.ToJsonString()}.");
        }

        foreach (var (name, value) in values)
        {
            var field = $"parameters.{name}";
            if (!parameters.TryGetPropertyValue(name, out var fallback))
            {
                throw new InferenceRequestException(field, parameters.Count == 0
                    ? $"Unknown parameter '{name}': {engine.Name} {engine.Version} takes no parameters."
                    : $"Unknown parameter '{name}' for {engine.Name} {engine.Version}; its parameters are {string.Join(", ", parameters.Select(p => p.Key))}.");
            }

            // A parameter whose default is null (optional, e.g. tv-denoise's threshold) takes any value, or null again.
            if ((value is null && fallback is not null) || (value is not null && fallback is not null && Kind(value) != Kind(fallback)))
            {
                throw new InferenceRequestException(field,
                    $"{field} must be {Describe(fallback)} like its default {fallback?.ToJsonString() ?? "null"}, got {value?.ToJsonString() ?? "null"}.");
            }

            parameters[name] = value?.DeepClone();
        }

        return parameters;
    }

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "a list",
        _ => "an object",
    };

    private static string Describe(JsonNode? node) => node is null ? "a value" : Kind(node);
}
