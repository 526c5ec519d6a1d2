namespace Codex.Testing;

/// <summary>
/// Redocly CLI (npm, MIT; pinned by redocly/package-lock.json) run on an OpenAPI document with the
/// project's rule set (redocly/redocly.yaml: the "recommended" rules, every exception explained).
/// </summary>
public static class OpenApiLinter
{
    private static readonly string[] Files = ["package.json", "package-lock.json", "redocly.yaml"];

    public sealed record Outcome(int ExitCode, string Output);

    public static async Task<Outcome> LintAsync(string documentJson)
    {
        var folder = await NpmFolder.EnsureInstalledAsync(
            NpmFolder.Named("codex-redocly", Resource("package-lock.json")), Files.ToDictionary(f => f, Resource), "@redocly/cli");
        var document = Path.Combine(folder, $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, documentJson);
        try
        {
            var result = await ExternalProcess.RunAsync(
                "node",
                [Path.Combine(folder, "node_modules", "@redocly", "cli", "bin", "cli.js"), "lint", "--config", "redocly.yaml", "--format", "stylish", document],
                folder,
                timeout: TimeSpan.FromMinutes(2));
            return new Outcome(result.ExitCode, result.Output);
        }
        finally
        {
            File.Delete(document);
        }
    }

    private static byte[] Resource(string name) => NpmFolder.Resource("redocly." + name);
}
