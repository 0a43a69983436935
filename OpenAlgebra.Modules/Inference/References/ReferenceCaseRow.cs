namespace OpenAlgebra.Modules.Inference.References;

/// <summary>A row of <c>engine_reference_cases</c>; the mask lives encrypted in the object store under <see cref="MaskKey"/>.</summary>
internal sealed class ReferenceCaseRow
{
    public string Id { get; init; } = "";
    public string Engine { get; init; } = "";
    public string Name { get; init; } = "";
    public string SeriesId { get; init; } = "";
    public string Labels { get; init; } = "";
    public string Seeds { get; init; } = "";
    public string Parameters { get; init; } = "";
    public string MaskKey { get; init; } = "";
    public string MaskSha256 { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public string CreatedAt { get; init; } = "";
}
