using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Codex.Host.Web;

/// <summary>
/// Behind a TLS-terminating reverse proxy the host sees plain HTTP from the proxy. Forwarded
/// headers (`X-Forwarded-For`, `-Proto`, `-Host`) are believed only from the proxies named in
/// `Security:ForwardedHeaders:KnownProxies` (addresses) and `KnownNetworks` (CIDR), comma-separated;
/// then HTTPS redirection, secure cookies, links in mails and the login see the original request.
/// Nothing configured: nothing is believed (anyone could send such headers).
/// </summary>
internal static class ReverseProxy
{
    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in List(configuration["Security:ForwardedHeaders:KnownProxies"]))
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in List(configuration["Security:ForwardedHeaders:KnownNetworks"]))
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            // Only the proxy's own hop: a client cannot add hops in front of it that we would believe.
            o.ForwardLimit = 1;
        });

    public static bool IsConfigured(IConfiguration configuration) =>
        List(configuration["Security:ForwardedHeaders:KnownProxies"]).Any() || List(configuration["Security:ForwardedHeaders:KnownNetworks"]).Any();

    private static IEnumerable<string> List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
