using System.Threading.RateLimiting;
using Hangfire;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Web.Api;
using OpenAlgebra.Web.Auth;
using OpenAlgebra.Web.Components.Session;

namespace OpenAlgebra.Web.Hosting;

internal static class WebServices
{
    public static IServiceCollection AddOpenAlgebraWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModules(configuration);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProxyHeaders(configuration);
        AddAuthentication(services);
        AddSignInRateLimit(services);
        AddJobServers(services);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.SignalR.HubOptions>, CircuitMessageLimit>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingStateProvider>();
        services.AddScoped<CircuitActivity>();
        services.AddMudServices();
        return services;
    }

    private static void AddAuthentication(IServiceCollection services)
    {
        services.AddScoped<SessionCookieEvents>();
        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "Cookie or API token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith(ApiTokenHandler.BearerPrefix, StringComparison.OrdinalIgnoreCase)
                    ? AuthSchemes.ApiToken
                    : AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = "OpenAlgebra.Session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/access-denied";
                o.ReturnUrlParameter = "returnUrl";
                o.SlidingExpiration = false;
                o.EventsType = typeof(SessionCookieEvents);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(AuthSchemes.ApiToken, null);
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(AuthSchemes.Cookie)
            .Configure<IOptions<AuthOptions>>((o, auth) => o.ExpireTimeSpan = TimeSpan.FromHours(auth.Value.AbsoluteSessionHours));

        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Clinician, p => p.RequireRole(Roles.Clinician))
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.Ops, p => p.RequireRole(Roles.Ops));
    }

    private static void AddSignInRateLimit(IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(AuthEndpoints.SignInRateLimit, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SignInAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                if (ApiPaths.IsApi(context.HttpContext.Request))
                {
                    await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many sign-in attempts",
                        "Wait a minute before trying again.");
                }
                else
                {
                    context.HttpContext.Response.Redirect("/login?error=rate");
                }
            };
        });
    }

    private static void AddJobServers(IServiceCollection services)
    {
        services.AddHangfireServer((sp, o) =>
        {
            var jobs = sp.GetRequiredService<IOptions<PlatformOptions>>().Value.Jobs;
            o.ServerName = $"{Environment.MachineName}:{JobQueues.Default}";
            o.Queues = [JobQueues.Default];
            o.WorkerCount = jobs.DefaultWorkers > 0 ? jobs.DefaultWorkers : Environment.ProcessorCount;
        });
        services.AddHangfireServer((sp, o) =>
        {
            var jobs = sp.GetRequiredService<IOptions<PlatformOptions>>().Value.Jobs;
            o.ServerName = $"{Environment.MachineName}:{JobQueues.Gpu}";
            o.Queues = [JobQueues.Gpu];
            o.WorkerCount = jobs.GpuWorkers;
        });
    }
}
