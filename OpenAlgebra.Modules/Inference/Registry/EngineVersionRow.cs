namespace OpenAlgebra.Modules.Inference.Registry;

// Settable properties: SQLite hands back 64-bit integers and PostgreSQL 32-bit ones, and Dapper converts into these.
internal sealed record EngineVersionRow
{
    public string Engine { get; init; } = "";
    public string Version { get; init; } = "";
    public string Description { get; init; } = "";
    public string Workload { get; init; } = "";
    public long RequiresSeeds { get; init; }
    public string DefaultParameters { get; init; } = "{}";
    public string RegisteredAt { get; init; } = "";
    public string? ValidatedAt { get; init; }
    public string? ValidatedBy { get; init; }
    public double? ValidationDice { get; init; }
    public string? ValidationCases { get; init; }
}
