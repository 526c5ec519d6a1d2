using Codex.Modules.Notifications.Domain;
using Codex.Shared.Contracts;
using Codex.Shared.Domain;
using Codex.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Notifications.Persistence;

internal abstract class NotificationsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Module = "Notifications";
    public const string SchemaName = "notifications";

    protected override string Schema => SchemaName;

    public DbSet<EmailMessage> EmailMessages => Set<EmailMessage>();

    public DbSet<NotificationPreference> Preferences => Set<NotificationPreference>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EmailMessage>(b =>
        {
            b.ToTable("EmailMessages");
            b.HasKey(m => m.Id);
            b.Property(m => m.Id).ValueGeneratedNever();
            b.Property(m => m.TemplateKey).HasMaxLength(100);
            b.Property(m => m.DeduplicationKey).HasMaxLength(300);
            b.Property(m => m.TopicKey).HasMaxLength(300);
            b.Property(m => m.Category).HasConversion<string>().HasMaxLength(20);
            b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(m => m.LastError).HasMaxLength(1000);
            b.Property(m => m.MessageId).HasMaxLength(200);
            b.Property(m => m.RecipientAddress).HasMaxLength(254);
            b.Property(m => m.Language).HasMaxLength(5);
            b.Property(m => m.Subject).HasMaxLength(300);
            b.Ignore(m => m.IsDigest);
            // "Accepted once, ever": the database enforces it even for two instances racing.
            b.HasIndex(m => m.DeduplicationKey).IsUnique();
            b.HasIndex(m => new { m.Status, m.NextAttemptAt });
            b.HasIndex(m => m.TopicKey);
            b.HasIndex(m => m.DigestId);
            b.HasIndex(m => new { m.RecipientPersonId, m.Status });
            b.HasIndex(m => m.CreatedAt);
        });

        modelBuilder.Entity<NotificationPreference>(b =>
        {
            b.ToTable("Preferences");
            b.HasKey(p => p.Id);
            b.Property(p => p.Id).ValueGeneratedNever();
            b.Ignore(p => p.PersonId);
            b.Property(p => p.OptionalMail).HasConversion<string>().HasMaxLength(20);
            b.Property(p => p.MandatoryMail).HasConversion<string>().HasMaxLength(20);
            b.OwnsOne(p => p.QuietHours, q =>
            {
                q.Property(h => h.From).HasColumnName("QuietFrom");
                q.Property(h => h.To).HasColumnName("QuietTo");
                q.Property(h => h.Weekends).HasColumnName("QuietWeekends");
            });
        });
    }

    protected override IIntegrationEvent? ToIntegrationEvent(IDomainEvent domainEvent) => null;
}

internal sealed class NotificationsSqliteDbContext(DbContextOptions<NotificationsSqliteDbContext> options) : NotificationsDbContext(options);

internal sealed class NotificationsPostgreSqlDbContext(DbContextOptions<NotificationsPostgreSqlDbContext> options) : NotificationsDbContext(options);

internal sealed class NotificationsSqlServerDbContext(DbContextOptions<NotificationsSqlServerDbContext> options) : NotificationsDbContext(options);

internal sealed class NotificationsSqliteDesignTimeFactory()
    : DesignTimeFactory<NotificationsSqliteDbContext>(DatabaseProvider.Sqlite, NotificationsDbContext.Module, NotificationsDbContext.SchemaName);

internal sealed class NotificationsPostgreSqlDesignTimeFactory()
    : DesignTimeFactory<NotificationsPostgreSqlDbContext>(DatabaseProvider.PostgreSql, NotificationsDbContext.Module, NotificationsDbContext.SchemaName);

internal sealed class NotificationsSqlServerDesignTimeFactory()
    : DesignTimeFactory<NotificationsSqlServerDbContext>(DatabaseProvider.SqlServer, NotificationsDbContext.Module, NotificationsDbContext.SchemaName);
