using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Shared.Persistence;

public static class ModuleMigrations
{
    /// <summary>Applies every module's migrations for the configured provider.</summary>
    public static async Task MigrateModulesAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var catalog = services.GetRequiredService<ModuleCatalog>();
        foreach (var module in catalog.Modules.Where(m => m.DbContextType is not null))
        {
            using var scope = services.CreateScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(module.DbContextType!);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    /// <summary>Creates the SQLite file's folder and switches it to WAL so readers don't block the writer.</summary>
    public static void PrepareSqliteFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
