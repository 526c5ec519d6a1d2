using System.Globalization;
using System.Net;
using Codex.IntegrationTests.Infrastructure;
using Codex.Testing;

namespace Codex.IntegrationTests.Security;

/// <summary>
/// Behind a TLS-terminating reverse proxy: the host (its own process, real Kestrel) sees plain
/// HTTP from the proxy and believes its `X-Forwarded-Proto` only because the proxy's address is
/// configured as known. Then the login page works, its cookies are secure, and nothing gives the
/// server software away. Provider-independent, so on SQLite only.
/// </summary>
public sealed class ReverseProxyTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "codex-proxy-" + Guid.NewGuid().ToString("N"));
    private HostProcess? _host;

    [Fact]
    public async Task Behind_a_known_proxy_the_login_works_over_https_with_secure_cookies_and_plain_http_is_still_redirected()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _host!.Address };

        using var viaProxy = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        viaProxy.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var login = await client.SendAsync(viaProxy);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookies = login.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(login.Headers.Contains("Server"), "The Server header names the server software.");

        var direct = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, direct.StatusCode);
        Assert.StartsWith("https://", direct.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.False(direct.Headers.Contains("Server"));
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _host = await HostProcess.StartAsync(HostProcess.BuildOutput(), _root, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Codex"] = $"Data Source={Path.Combine(_root, "codex.db")}",
            ["Notifications:Transport"] = "PickupFolder",
            ["Notifications:PickupFolder"] = Path.Combine(_root, "mail"),
            ["Security:HttpsOnly"] = "true",
            ["Security:HttpsPort"] = 443.ToString(CultureInfo.InvariantCulture),
            ["Security:ForwardedHeaders:KnownProxies"] = "127.0.0.1",
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }
    }
}

/// <summary>Forwarded headers from an unknown sender are not believed: anyone could send them.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class UntrustedForwardedHeadersTests(PostgresFixture postgres, SharedHost host)
    : HostTest(Codex.Shared.Persistence.DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>
{
    protected override void ConfigureHost(CodexApplicationFactory factory) => factory.Settings["Security:HttpsOnly"] = "true";

    [Fact]
    public async Task Without_known_proxies_a_forwarded_https_is_ignored_and_the_request_redirected()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://localhost/Account/Login");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await Factory.CreateAnonymousClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
    }
}
