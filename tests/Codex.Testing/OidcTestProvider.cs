using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Codex.Testing;

/// <summary>
/// A real OpenID Connect provider for tests: oidc-provider (npm, MIT, OpenID certified) on Node.js,
/// on 127.0.0.1 and a free port, with the test users of <c>oidc/provider.mjs</c>, a "groups" claim,
/// one client for Codex (authorization code + PKCE), login and consent pages and RP-initiated logout.
/// The npm packages are installed once (<c>npm ci</c> with the pinned lock file) into a throw-away
/// folder named after the lock file's hash; <c>build/test.sh</c> does that install step up front.
/// The provider exits when its standard input closes, so it ends with the test process.
/// </summary>
public sealed class OidcTestProvider : IAsyncDisposable
{
    public const string ClientId = "codex";
    public const string ClientSecret = "codex-test-secret";

    /// <summary>Every test user's password on the provider's login page.</summary>
    public const string UserPassword = "provider-password";

    private static readonly string[] Files = ["provider.mjs", "package.json", "package-lock.json"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly StringBuilder _output = new();
    private Process? _process;

    private OidcTestProvider(int port) => Port = port;

    public int Port { get; }

    /// <summary>The issuer and authority, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Authority => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Usernames on the provider's login page (see <c>oidc/provider.mjs</c>).</summary>
    public static class Users
    {
        /// <summary>Verified email of the demo member Mehmet Yilmaz; group "staff".</summary>
        public const string Member = "mehmet";

        /// <summary>Verified email of the demo HR person Heike Sommer; groups "staff", "codex-hr".</summary>
        public const string HumanResources = "heike";

        /// <summary>Verified email of the demo person Jonas Becker; group "codex-hr".</summary>
        public const string HrGroupMember = "jonas";

        /// <summary>A verified email that no person in Codex has.</summary>
        public const string Stranger = "stranger";

        /// <summary>The email of a demo person (Sabine Krüger), not verified by the provider.</summary>
        public const string Unverified = "unverified";
    }

    /// <summary>
    /// Starts a provider whose Codex client accepts <paramref name="codexBaseAddress"/>'s
    /// <c>/signin-oidc</c> and <c>/signout-callback-oidc</c>.
    /// </summary>
    public static async Task<OidcTestProvider> StartAsync(Uri codexBaseAddress)
    {
        var folder = await EnsureInstalledAsync();
        var provider = new OidcTestProvider(FreePort.Get());
        try
        {
            await provider.StartProcessAsync(folder, codexBaseAddress);
            return provider;
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>What the provider printed so far.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }
        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// The folder with the script and its installed packages: <c>CODEX_OIDC_PROVIDER_DIR</c>, or a
    /// temp folder named after the lock file's hash (the one <c>build/test.sh</c> installs into).
    /// </summary>
    public static string InstallFolder()
    {
        if (Environment.GetEnvironmentVariable("CODEX_OIDC_PROVIDER_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }
        return NpmFolder.Named("codex-oidc-provider", Resource("package-lock.json"));
    }

    private static Task<string> EnsureInstalledAsync() =>
        NpmFolder.EnsureInstalledAsync(InstallFolder(), Files.ToDictionary(f => f, Resource), "oidc-provider");

    private static byte[] Resource(string name) => NpmFolder.Resource("oidc." + name);

    private async Task StartProcessAsync(string folder, Uri codex)
    {
        // The host may call itself 127.0.0.1 or localhost: both are registered.
        var bases = new[] { "127.0.0.1", "localhost" }.Select(host => $"{codex.Scheme}://{host}:{codex.Port.ToString(CultureInfo.InvariantCulture)}").ToList();
        var startInfo = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        startInfo.ArgumentList.Add("provider.mjs");
        startInfo.Environment["OIDC_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment["OIDC_CLIENT_ID"] = ClientId;
        startInfo.Environment["OIDC_CLIENT_SECRET"] = ClientSecret;
        startInfo.Environment["OIDC_REDIRECT_URIS"] = string.Join(',', bases.Select(b => b + "/signin-oidc"));
        startInfo.Environment["OIDC_POST_LOGOUT_REDIRECT_URIS"] = string.Join(',', bases.Select(b => b + "/signout-callback-oidc"));
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"The OpenID Connect test provider did not answer on {Authority} " +
                    $"({(process.HasExited ? $"exited with code {process.ExitCode}" : "timed out")}).\nOutput:\n{Output()}");
            }
            try
            {
                using var response = await http.GetAsync(Authority + "/.well-known/openid-configuration");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
