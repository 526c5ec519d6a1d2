using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Codex.IntegrationTests;

/// <summary>
/// The host as an operator runs it: the published folder (the build output plus wwwroot), started
/// from another working directory, as a service would be. Its settings and styles come from its
/// own folder, never from the current one. Provider-independent, so on SQLite only.
/// </summary>
public sealed class PublishedHostTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "codex-published-" + Guid.NewGuid().ToString("N"));
    private Process? _host;

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

        var address = await StartAsync();
        using var client = new HttpClient { BaseAddress = address };

        var styles = await client.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, styles.StatusCode);
        Assert.Equal("text/css", styles.Content.Headers.ContentType?.MediaType);
        Assert.True(File.Exists(database), "The database named in the app folder's appsettings.json was not created.");
        Assert.False(Directory.Exists(Path.Combine(ElsewhereFolder, "data")), "The host wrote data into the current folder.");
    }

    /// <summary>The build output of the host plus its wwwroot: what `dotnet publish` lays out (copies: the runtime resolves links to their target's folder).</summary>
    private void LayOutPublishedFolder(string database)
    {
        var repository = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var build = Path.Combine(repository, "src", "Host", "bin", configuration, "net10.0");
        Copy(build, AppFolder);
        Copy(Path.Combine(repository, "src", "Host", "wwwroot"), Path.Combine(AppFolder, "wwwroot"));
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

    private async Task<Uri> StartAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ElsewhereFolder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppFolder, "Codex.Host.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment.Remove("ASPNETCORE_CONTENTROOT");
        start.Environment.Remove("DOTNET_CONTENTROOT");
        var output = new StringBuilder();
        _host = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _host.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        _host.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        _host.BeginOutputReadLine();
        _host.BeginErrorReadLine();

        var address = new Uri($"http://127.0.0.1:{port}");
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_host.HasExited)
            {
                break;
            }

            try
            {
                if ((await probe.GetAsync("/health/live")).IsSuccessStatusCode)
                {
                    return address;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(250);
        }

        lock (output)
        {
            throw new InvalidOperationException($"The published host did not become live:\n{output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Codex.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Codex.sln not found above the test output.");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is { HasExited: false })
        {
            _host.Kill(entireProcessTree: true);
            await _host.WaitForExitAsync();
        }

        _host?.Dispose();
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
