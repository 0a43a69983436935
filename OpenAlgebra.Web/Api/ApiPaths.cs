namespace OpenAlgebra.Web.Api;

internal static class ApiPaths
{
    /// <summary>Requests from scripts: they get status codes and problem details, never a redirect to a page.</summary>
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/dicomweb", StringComparison.OrdinalIgnoreCase);
}
