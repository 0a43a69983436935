using Hangfire;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Web.Api;
using OpenAlgebra.Web.Components;
using OpenAlgebra.Web.DicomWeb;
using OpenAlgebra.Web.Observability;

namespace OpenAlgebra.Web.Hosting;

internal static class WebPipeline
{
    public static WebApplication UseOpenAlgebra(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            if (ApiPaths.IsApi(context.HttpContext.Request) && !context.HttpContext.Response.HasStarted && context.HttpContext.Response.ContentLength is null)
            {
                await Problems.WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode,
                    ReasonPhrases(context.HttpContext.Response.StatusCode), $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}");
            }
        });
        app.UseMiddleware<ApiMetricsMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapSystemEndpoints();
        app.MapAuthEndpoints();
        app.MapTokenEndpoints();
        app.MapAuditEndpoints();
        app.MapUploadEndpoints();
        app.MapStudyEndpoints();
        app.MapSeriesEndpoints();
        app.MapAnalysisEndpoints();
        app.MapOverlayEndpoints();
        app.MapEngineEndpoints();
        app.MapQidoEndpoints();
        app.MapWadoEndpoints();
        app.MapStowEndpoints();
        app.MapWadoInstanceEndpoints();
        app.MapLinearAlgebraEndpoints();
        app.MapGroup("/api").MapFallback(() => TypedResults.Problem("No API endpoint at this path.", statusCode: StatusCodes.Status404NotFound, title: "Not found"))
            .RequireAuthorization();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AppPath = "/ops", DashboardTitle = "OpenAlgebra jobs" })
            .RequireAuthorization(Roles.Ops);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
