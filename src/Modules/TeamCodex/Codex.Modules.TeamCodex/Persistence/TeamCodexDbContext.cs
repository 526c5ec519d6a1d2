using Codex.Modules.TeamCodex.Domain;
using Codex.Shared.Contracts;
using Codex.Shared.Domain;
using Codex.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Persistence;

internal abstract class TeamCodexDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Module = "TeamCodex";
    public const string SchemaName = "teamcodex";

    protected override string Schema => SchemaName;

    public DbSet<UnitMember> UnitMembers => Set<UnitMember>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UnitMember>(b =>
        {
            b.ToTable("UnitMembers");
            b.HasKey(m => new { m.OrgUnitId, m.PersonId });
            b.HasIndex(m => m.PersonId);
        });
    }

    protected override IIntegrationEvent? ToIntegrationEvent(IDomainEvent domainEvent) => null;
}

internal sealed class TeamCodexSqliteDbContext(DbContextOptions<TeamCodexSqliteDbContext> options) : TeamCodexDbContext(options);

internal sealed class TeamCodexPostgreSqlDbContext(DbContextOptions<TeamCodexPostgreSqlDbContext> options) : TeamCodexDbContext(options);

internal sealed class TeamCodexSqlServerDbContext(DbContextOptions<TeamCodexSqlServerDbContext> options) : TeamCodexDbContext(options);

internal sealed class TeamCodexSqliteDesignTimeFactory()
    : DesignTimeFactory<TeamCodexSqliteDbContext>(DatabaseProvider.Sqlite, TeamCodexDbContext.Module, TeamCodexDbContext.SchemaName);

internal sealed class TeamCodexPostgreSqlDesignTimeFactory()
    : DesignTimeFactory<TeamCodexPostgreSqlDbContext>(DatabaseProvider.PostgreSql, TeamCodexDbContext.Module, TeamCodexDbContext.SchemaName);

internal sealed class TeamCodexSqlServerDesignTimeFactory()
    : DesignTimeFactory<TeamCodexSqlServerDbContext>(DatabaseProvider.SqlServer, TeamCodexDbContext.Module, TeamCodexDbContext.SchemaName);
