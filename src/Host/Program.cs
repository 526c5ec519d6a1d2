using Codex.Host;
using Codex.Host.Identity;

var app = CodexApp.Build(args);
if (args.Contains("migrate"))
{
    // For operators: apply every module's migrations, then exit (`dotnet run --project src/Host -- migrate`).
    await app.MigrateAsync(seedDemo: false);
    return;
}

if (args is ["admin", ..])
{
    // For operators: `dotnet run --project src/Host -- admin create --email … --name …` (or `Codex.Host admin create …`).
    Environment.ExitCode = await AdminCommandLine.RunAsync(app, args[1..]);
    return;
}

await app.MigrateAsync(seedDemo: null);
await app.RunAsync();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
