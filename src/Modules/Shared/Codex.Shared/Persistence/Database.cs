using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Shared.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>`Database:Provider` and `ConnectionStrings:Codex`.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqliteConnectionString = "Data Source=data/codex.db";

    /// <param name="contentRoot">The application's folder: a relative SQLite file lives there, not in the current folder (a service's is anywhere).</param>
    public static DatabaseOptions FromConfiguration(IConfiguration configuration, string? contentRoot = null)
    {
        var providerText = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(providerText)
            ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidOperationException(
                    $"Database:Provider '{providerText}' is not one of Sqlite, PostgreSql, SqlServer.");
        var connectionString = configuration.GetConnectionString("Codex");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultSqliteConnectionString
                : throw new InvalidOperationException($"ConnectionStrings:Codex is required for {provider}.");
        }

        if (provider == DatabaseProvider.Sqlite && contentRoot is not null)
        {
            var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
            if (sqlite.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && !Path.IsPathRooted(file))
            {
                sqlite.DataSource = Path.GetFullPath(Path.Combine(contentRoot, file));
                connectionString = sqlite.ConnectionString;
            }
        }

        return new DatabaseOptions(provider, connectionString);
    }
}

public static class DatabaseSetup
{
    public static string HistoryTable(string module) => $"__EFMigrationsHistory_{module}";

    public static DbContextOptionsBuilder UseCodexDatabase(
        this DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString, string module, string schema)
    {
        // EF Core logs every failed query, command, connection, transaction and save as an error of
        // its own, with a stack trace, before the exception reaches the caller. The caller logs it
        // once with what EF cannot know: a conflict (409) or other client error is Information,
        // an unreachable database a Warning, a fault an Error (ErrorContract for requests, Hangfire
        // for jobs). EF's own line would turn every 409 (a unique index refusing a concurrent insert
        // fails the command and the save) and every outage into a false alert. CommandError is also
        // what a start on an empty PostgreSQL database logged six times: Migrate reads each module's
        // history table before creating it, and handles the "relation does not exist" it expects.
        builder.ConfigureWarnings(w => w.Log(
            (CoreEventId.SaveChangesFailed, LogLevel.Information),
            (CoreEventId.OptimisticConcurrencyException, LogLevel.Information),
            (CoreEventId.QueryIterationFailed, LogLevel.Information),
            (RelationalEventId.CommandError, LogLevel.Information),
            (RelationalEventId.ConnectionError, LogLevel.Information),
            (RelationalEventId.TransactionError, LogLevel.Information)));
        return provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable(HistoryTable(module))),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(HistoryTable(module), schema)),
            // One JSON parameter per list instead of one parameter per element: SQL Server refuses more than 2,100.
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString, o => o
                .MigrationsHistoryTable(HistoryTable(module), schema)
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
    }

    /// <summary>
    /// Registers a module's DbContext for the configured provider: the provider-specific subclass
    /// (which owns that provider's migrations) is what the base type resolves to.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgreSql, TSqlServer>(
        this IServiceCollection services, DatabaseOptions database, string module, string schema)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgreSql : TContext
        where TSqlServer : TContext
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                Register<TSqlite>();
                break;
            case DatabaseProvider.PostgreSql:
                Register<TPostgreSql>();
                break;
            default:
                Register<TSqlServer>();
                break;
        }

        return services;

        void Register<TProviderContext>() where TProviderContext : TContext
        {
            services.AddDbContext<TProviderContext>(o => o.UseCodexDatabase(database.Provider, database.ConnectionString, module, schema));
            services.AddScoped<TContext>(sp => sp.GetRequiredService<TProviderContext>());
        }
    }
}

/// <summary>
/// Lets `dotnet ef` build a module's context for one provider without a database server;
/// the connection string is never opened when adding migrations.
/// </summary>
public abstract class DesignTimeFactory<TContext>(DatabaseProvider provider, string module, string schema)
    : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=design-time.db",
            DatabaseProvider.PostgreSql => "Host=localhost;Database=codex_design",
            _ => "Server=localhost;Database=codex_design;Trusted_Connection=True;TrustServerCertificate=True",
        };
        var builder = new DbContextOptionsBuilder<TContext>().UseCodexDatabase(provider, connectionString, module, schema);
        return (TContext)Activator.CreateInstance(typeof(TContext), builder.Options)!;
    }
}
