using System.Text.Json;
using Codex.Shared.Audit;
using Codex.Shared.Contracts;
using Codex.Shared.Domain;
using Codex.Shared.Jobs;
using Codex.Shared.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Shared.Persistence;

/// <summary>
/// Base of every module's DbContext: its own schema (module-prefixed tables on SQLite, which has
/// no schemas), an outbox written in the same transaction as the change, an inbox for
/// deduplicating received events, and a version column on every aggregate for optimistic concurrency.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    private bool _outboxWritten;

    /// <summary>The module's schema, e.g. "organization".</summary>
    protected abstract string Schema { get; }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    /// <summary>The module's part of the audit trail, written in the same save as the change it records.</summary>
    public DbSet<AuditRecord> AuditTrail => Set<AuditRecord>();

    /// <summary>Maps a domain event to the integration event other modules receive, or null to keep it inside.</summary>
    protected abstract IIntegrationEvent? ToIntegrationEvent(IDomainEvent domainEvent);

    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    protected sealed override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite cannot compare or sort DateTimeOffset text; store UTC ticks instead.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var sqlite = Database.IsSqlite();
        if (!sqlite)
        {
            modelBuilder.HasDefaultSchema(Schema);
        }

        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("OutboxMessages");
            b.HasKey(m => m.Id);
            b.Property(m => m.Type).HasMaxLength(400);
            b.Property(m => m.LastError).HasMaxLength(2000);
            b.HasIndex(m => new { m.ProcessedAt, m.OccurredAt });
        });
        modelBuilder.Entity<InboxMessage>(b =>
        {
            b.ToTable("InboxMessages");
            b.HasKey(m => new { m.MessageId, m.Handler });
            b.Property(m => m.Handler).HasMaxLength(300);
        });

        modelBuilder.MapAuditTrail(sqlite);
        ConfigureModel(modelBuilder);

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (typeof(AggregateRoot).IsAssignableFrom(entity.ClrType) && entity.BaseType is null)
            {
                modelBuilder.Entity(entity.ClrType).Property(nameof(AggregateRoot.Version)).IsConcurrencyToken();
                modelBuilder.Entity(entity.ClrType).Ignore(nameof(AggregateRoot.DomainEvents));
            }

            if (sqlite && entity.GetTableName() is { } table && entity.BaseType is null && !entity.IsOwned())
            {
                entity.SetTableName($"{Schema}_{table}");
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: the outbox is written asynchronously.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var now = DateTimeOffset.UtcNow;
        foreach (var entry in ChangeTracker.Entries<AggregateRoot>().ToList())
        {
            var aggregate = entry.Entity;
            if (entry.State is EntityState.Added or EntityState.Modified || aggregate.DomainEvents.Count > 0)
            {
                aggregate.IncrementVersion();
            }

            foreach (var domainEvent in aggregate.DomainEvents)
            {
                if (ToIntegrationEvent(domainEvent) is { } integrationEvent)
                {
                    OutboxMessages.Add(OutboxMessage.From(integrationEvent, now));
                    _outboxWritten = true;
                }
            }

            aggregate.ClearDomainEvents();
        }

        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is null)
        {
            SignalOutboxIfWritten();
        }

        return written;
    }

    /// <summary>Sets the version the client based its change on; saving then fails if it is outdated.</summary>
    public void ExpectVersion(AggregateRoot aggregate, int expectedVersion) =>
        Entry(aggregate).Property(nameof(AggregateRoot.Version)).OriginalValue = expectedVersion;

    /// <summary>Called after commit: asks the dispatcher to deliver what this unit of work wrote.</summary>
    public void SignalOutboxIfWritten()
    {
        if (!_outboxWritten)
        {
            return;
        }

        _outboxWritten = false;
        var services = this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        services?.GetService<IJobTrigger>()?.Trigger(DispatchOutboxCommand.JobName);
    }
}

public sealed class OutboxMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Guid Id { get; private set; }

    public string Type { get; private set; } = "";

    public string Payload { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public static OutboxMessage From(IIntegrationEvent integrationEvent, DateTimeOffset now) => new()
    {
        Id = integrationEvent.EventId,
        Type = integrationEvent.GetType().AssemblyQualifiedName!,
        Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), Json),
        OccurredAt = now,
    };

    public IIntegrationEvent Deserialize()
    {
        var type = System.Type.GetType(Type, throwOnError: true)!;
        return (IIntegrationEvent)JsonSerializer.Deserialize(Payload, type, Json)!;
    }
}

/// <summary>One event handled by one listener; the key makes a redelivery a no-op.</summary>
public sealed class InboxMessage(Guid messageId, string handler, DateTimeOffset processedAt)
{
    public Guid MessageId { get; private set; } = messageId;

    public string Handler { get; private set; } = handler;

    public DateTimeOffset ProcessedAt { get; private set; } = processedAt;
}
