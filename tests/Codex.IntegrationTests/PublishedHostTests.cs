using System.Net;
using Codex.Testing;

namespace Codex.IntegrationTests;

/// <summary>
/// The host as an operator runs it: the published folder (the build output plus wwwroot), started
/// from another working directory, as a service would be. Its settings and styles come from its
/// own folder, never from the current one. Provider-independent, so on SQLite only.
/// </summary>
public sealed class PublishedHostTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "codex-published-" + Guid.NewGuid().ToString("N"));
    private HostProcess? _host;

    private string AppFolder => Path.Combine(_root, "app");

    private string ElsewhereFolder => Path.Combine(_root, "elsewhere");

    [Fact]
    public async Task Started_from_another_folder_it_reads_its_own_settings_and_serves_its_styles()
    {
        var database = Path.Combine(_root, "from-app-settings.db");
        LayOutPublishedFolder(database);
        // A decoy in the current folder: read from here, the host would refuse to start.
        Directory.CreateDirectory(ElsewhereFolder);
        await File.WriteAllTextAsync(Path.Combine(ElsewhereFolder, "appsettings.json"), """{ "Database": { "Provider": "Nonsense" } }""");

        _host = await HostProcess.StartAsync(AppFolder, ElsewhereFolder, new Dictionary<string, string?>());
        using var client = new HttpClient { BaseAddress = _host.Address };

        var styles = await client.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, styles.StatusCode);
        Assert.Equal("text/css", styles.Content.Headers.ContentType?.MediaType);
        Assert.True(File.Exists(database), "The database named in the app folder's appsettings.json was not created.");
        Assert.False(Directory.Exists(Path.Combine(ElsewhereFolder, "data")), "The host wrote data into the current folder.");
    }

    /// <summary>The build output of the host plus its wwwroot: what `dotnet publish` lays out (copies: the runtime resolves links to their target's folder).</summary>
    private void LayOutPublishedFolder(string database)
    {
        Copy(HostProcess.BuildOutput(), AppFolder);
        Copy(Path.Combine(HostProcess.RepositoryRoot(), "src", "Host", "wwwroot"), Path.Combine(AppFolder, "wwwroot"));
        var settings = Path.Combine(AppFolder, "appsettings.json");
        File.Delete(settings);
        File.WriteAllText(settings, $$"""
            { "Database": { "Provider": "Sqlite" },
              "ConnectionStrings": { "Codex": "Data Source={{database}}" },
              "Notifications": { "Transport": "PickupFolder", "PickupFolder": "{{Path.Combine(_root, "mail")}}" } }
            """);
    }

    private static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(source).Where(f => Path.GetFileName(f) != "data"))
        {
            Copy(folder, Path.Combine(target, Path.GetFileName(folder)));
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

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
            // A file still held open by the killed host; the temp folder is cleaned by the OS.
        }
    }
}
