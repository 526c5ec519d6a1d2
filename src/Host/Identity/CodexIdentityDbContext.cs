using Codex.Shared.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity;

/// <summary>A sign-in account; always belongs to one Person of the Organization module.</summary>
public sealed class CodexAccount : IdentityUser<Guid>
{
    public Guid PersonId { get; set; }

    public string DisplayName { get; set; } = "";
}

/// <summary>
/// Accounts, roles and the Data Protection key ring (shared by every instance so cookies stay
/// valid behind a load balancer). Its own schema, like a module.
/// </summary>
public abstract class CodexIdentityDbContext(DbContextOptions options)
    : IdentityDbContext<CodexAccount, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public const string Module = "Identity";
    public const string SchemaName = "identity";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        if (!Database.IsSqlite())
        {
            builder.HasDefaultSchema(SchemaName);
        }

        builder.Entity<CodexAccount>(b =>
        {
            b.Property(a => a.DisplayName).HasMaxLength(200);
            b.HasIndex(a => a.PersonId).IsUnique();
        });
    }
}

internal sealed class IdentitySqliteDbContext(DbContextOptions<IdentitySqliteDbContext> options) : CodexIdentityDbContext(options);

internal sealed class IdentityPostgreSqlDbContext(DbContextOptions<IdentityPostgreSqlDbContext> options) : CodexIdentityDbContext(options);

internal sealed class IdentitySqlServerDbContext(DbContextOptions<IdentitySqlServerDbContext> options) : CodexIdentityDbContext(options);

internal sealed class IdentitySqliteDesignTimeFactory()
    : DesignTimeFactory<IdentitySqliteDbContext>(DatabaseProvider.Sqlite, CodexIdentityDbContext.Module, CodexIdentityDbContext.SchemaName);

internal sealed class IdentityPostgreSqlDesignTimeFactory()
    : DesignTimeFactory<IdentityPostgreSqlDbContext>(DatabaseProvider.PostgreSql, CodexIdentityDbContext.Module, CodexIdentityDbContext.SchemaName);

internal sealed class IdentitySqlServerDesignTimeFactory()
    : DesignTimeFactory<IdentitySqlServerDbContext>(DatabaseProvider.SqlServer, CodexIdentityDbContext.Module, CodexIdentityDbContext.SchemaName);
