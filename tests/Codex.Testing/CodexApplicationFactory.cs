using System.Net;
using System.Text.RegularExpressions;
using Codex.Shared.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Codex.Testing;

/// <summary>The demo accounts the Host seeds into an empty database.</summary>
public static class DemoLogins
{
    public const string Password = "Codex-Demo-2026";
    public const string Admin = "bernd.engel@sozialwerk-rheinaue.example";
    public const string HumanResources = "heike.sommer@sozialwerk-rheinaue.example";
    public const string TeamLead = "sabine.krueger@sozialwerk-rheinaue.example";
    public const string Member = "mehmet.yilmaz@sozialwerk-rheinaue.example";
}

/// <summary>
/// The real Codex host, in process, on a real database (a SQLite file or a PostgreSQL database of a
/// <see cref="PostgresCluster"/>), with the demo organisation seeded. <see cref="Settings"/> can
/// override any configuration key before the host starts.
/// </summary>
public sealed partial class CodexApplicationFactory : WebApplicationFactory<Program>
{
    private readonly string _workFolder;

    private CodexApplicationFactory(DatabaseProvider provider, string connectionString, string workFolder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _workFolder = workFolder;
        Settings["Database:Provider"] = provider.ToString();
        Settings["ConnectionStrings:Codex"] = connectionString;
        Settings["Demo:Seed"] = "true";
        Settings["Notifications:Transport"] = "PickupFolder";
        Settings["Notifications:PickupFolder"] = Path.Combine(workFolder, "mail-pickup");
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>A fresh SQLite file in its own temp folder.</summary>
    public static CodexApplicationFactory ForSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "codex-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new CodexApplicationFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "codex.db")}", folder);
    }

    /// <summary>An existing database again, as after a restart of the process.</summary>
    public static CodexApplicationFactory ForExisting(CodexApplicationFactory previous)
    {
        var next = new CodexApplicationFactory(previous.Provider, previous.ConnectionString, previous._workFolder);
        foreach (var (key, value) in previous.Settings)
        {
            next.Settings[key] = value;
        }

        return next;
    }

    /// <summary>A fresh database in the given cluster.</summary>
    public static async Task<CodexApplicationFactory> ForPostgreSqlAsync(PostgresCluster cluster)
    {
        var folder = Path.Combine(Path.GetTempPath(), "codex-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connectionString = await cluster.CreateDatabaseAsync();
        return new CodexApplicationFactory(DatabaseProvider.PostgreSql, connectionString, folder);
    }

    public static Task<CodexApplicationFactory> ForAsync(DatabaseProvider provider, PostgresCluster? cluster) =>
        provider == DatabaseProvider.Sqlite
            ? Task.FromResult(ForSqlite())
            : ForPostgreSqlAsync(cluster ?? throw new ArgumentNullException(nameof(cluster)));

    public string PickupFolder => Settings["Notifications:PickupFolder"]!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// Every client speaks like a Codex page in a browser: state-changing requests carry our own
    /// `Origin`, as browsers send it (the API refuses cross-site writes). Tests of that refusal
    /// remove or replace the header.
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>A client without automatic redirects that keeps cookies, not signed in.</summary>
    public HttpClient CreateAnonymousClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real login form (antiforgery token included) and returns the client.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = DemoLogins.Password)
    {
        var client = CreateAnonymousClient();
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, "/Account/Login"),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} failed with {(int)response.StatusCode}.");
        }

        return client;
    }

    /// <summary>Reads the antiforgery token from a page's form, as a browser would submit it.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TryDeleteWorkFolder();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TryDeleteWorkFolder();
    }

    private void TryDeleteWorkFolder()
    {
        // A host restarted on the same database (ForExisting) shares the folder; the last one cleans up.
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Provider == DatabaseProvider.Sqlite && Directory.Exists(_workFolder) && !_keepFolder)
            {
                Directory.Delete(_workFolder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }

    private bool _keepFolder;

    /// <summary>Keeps the SQLite file when this host is disposed, to start another on it (a "restart").</summary>
    public void KeepDatabaseOnDispose() => _keepFolder = true;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
