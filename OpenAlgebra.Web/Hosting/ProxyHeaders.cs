using Microsoft.AspNetCore.HttpOverrides;

namespace OpenAlgebra.Web.Hosting;

/// <summary>
/// Behind the compose nginx the client address arrives in X-Forwarded-For. It is trusted only from the networks
/// listed in <c>OpenAlgebra:ForwardedHeaders:KnownNetworks</c> (CIDR), so audit rows name the real client and a
/// client cannot forge its own address.
/// </summary>
internal static class ProxyHeaders
{
    public const string Section = "OpenAlgebra:ForwardedHeaders:KnownNetworks";

    public static IServiceCollection AddProxyHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = configuration.GetSection(Section).Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{Section} entry '{network}' is not a CIDR network such as 172.16.0.0/12."));
            }
        });
        return services;
    }
}
