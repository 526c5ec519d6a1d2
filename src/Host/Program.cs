using Codex.Host;

var app = CodexApp.Build(args);
if (args.Contains("migrate"))
{
    // For operators: apply every module's migrations, then exit (`dotnet run --project src/Host -- migrate`).
    await app.MigrateAsync(seedDemo: false);
    return;
}

await app.MigrateAsync(seedDemo: null);
await app.RunAsync();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
