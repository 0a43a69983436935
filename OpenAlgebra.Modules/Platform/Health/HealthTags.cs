namespace OpenAlgebra.Modules.Platform.Health;

/// <summary>Tags that sort health checks into the readiness probe.</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}
