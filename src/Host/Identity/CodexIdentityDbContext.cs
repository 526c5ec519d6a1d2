using Codex.Shared.Audit;
using Codex.Shared.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Codex.Host.Identity;

/// <summary>A sign-in account; always belongs to one Person of the Organization module.</summary>
public sealed class CodexAccount : IdentityUser<Guid>
{
    public Guid PersonId { get; set; }

    public string DisplayName { get; set; } = "";

    /// <summary>When the account was created (by an invitation or the first-admin command).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the person set their first password through an invitation link; null while invited.</summary>
    public DateTimeOffset? ActivatedAt { get; set; }

    /// <summary>Set while the person has left the organisation: no sign-in, no session.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    public AccountStatus Status => DeactivatedAt is not null ? AccountStatus.Deactivated
        : ActivatedAt is not null ? AccountStatus.Active
        : AccountStatus.Invited;
}

/// <summary>Where a person stands with Codex sign-in; "none" is a person without an account row.</summary>
public enum AccountStatus
{
    None,
    Invited,
    Active,
    Deactivated,
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

    public DbSet<AccountInvitation> Invitations => Set<AccountInvitation>();

    public DbSet<AccountAuditEntry> AuditEntries => Set<AccountAuditEntry>();

    public DbSet<AccountSession> Sessions => Set<AccountSession>();

    /// <summary>The Host's part of the audit trail (exports of the trail itself); account changes stay in <see cref="AuditEntries"/>.</summary>
    public DbSet<AuditRecord> AuditTrail => Set<AuditRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        if (!Database.IsSqlite())
        {
            builder.HasDefaultSchema(SchemaName);
        }

        var sqlite = Database.IsSqlite();
        builder.Entity<CodexAccount>(b =>
        {
            b.Property(a => a.DisplayName).HasMaxLength(200);
            b.HasIndex(a => a.PersonId).IsUnique();
            b.Ignore(a => a.Status);
            if (sqlite)
            {
                // SQLite cannot compare DateTimeOffset text; the new columns are stored as UTC ticks.
                // (LockoutEnd keeps Identity's own mapping.)
                b.Property(a => a.CreatedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
                b.Property(a => a.ActivatedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
                b.Property(a => a.DeactivatedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
            }
        });

        builder.Entity<AccountInvitation>(b =>
        {
            b.ToTable("AccountInvitations");
            b.HasKey(i => i.Id);
            b.Property(i => i.TokenHash).HasMaxLength(64);
            b.HasIndex(i => i.TokenHash).IsUnique();
            b.HasIndex(i => i.AccountId);
            b.HasOne<CodexAccount>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Cascade);
            if (sqlite)
            {
                b.Property(i => i.CreatedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
                b.Property(i => i.ExpiresAt).HasConversion<DateTimeOffsetToBinaryConverter>();
                b.Property(i => i.AcceptedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
                b.Property(i => i.ReplacedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
            }
        });

        builder.Entity<AccountSession>(b =>
        {
            b.ToTable("AccountSessions");
            b.HasKey(x => x.Id);
            b.Property(x => x.Device).HasMaxLength(AccountSession.DeviceMaxLength);
            b.HasIndex(x => new { x.AccountId, x.EndedAt });
            b.HasOne<CodexAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
            if (sqlite)
            {
                b.Property(x => x.CreatedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
                b.Property(x => x.LastSeenAt).HasConversion<DateTimeOffsetToBinaryConverter>();
                b.Property(x => x.ExpiresAt).HasConversion<DateTimeOffsetToBinaryConverter>();
                b.Property(x => x.EndedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
            }
        });

        builder.MapAuditTrail(sqlite);
        builder.Entity<AccountAuditEntry>(b =>
        {
            b.ToTable("AccountAudit");
            b.HasKey(a => a.Id);
            b.Property(a => a.ActorName).HasMaxLength(200);
            b.Property(a => a.SubjectName).HasMaxLength(200);
            b.Property(a => a.Action).HasConversion<string>().HasMaxLength(40);
            b.Property(a => a.Detail).HasMaxLength(200);
            b.HasIndex(a => a.At);
            if (sqlite)
            {
                b.Property(a => a.At).HasConversion<DateTimeOffsetToBinaryConverter>();
            }
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
