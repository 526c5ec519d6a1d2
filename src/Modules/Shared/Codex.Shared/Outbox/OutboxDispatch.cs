using Codex.Shared.Contracts;
using Codex.Shared.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Codex.Shared.Outbox;

/// <summary>Delivers every module's pending outbox messages to their listeners.</summary>
public sealed record DispatchOutboxCommand : IRequest<Unit>
{
    /// <summary>The recurring job that runs it; also triggered right after each commit that wrote events.</summary>
    public const string JobName = "outbox-dispatch";
}

/// <summary>Asked by the job after a run: did a commit write events meanwhile? (Failed ones wait for the schedule.)</summary>
public sealed record AnyNewOutboxMessagesQuery : IRequest<bool>;

internal sealed class AnyNewOutboxMessagesQueryHandler(ModuleCatalog modules, IServiceScopeFactory scopes) : IRequestHandler<AnyNewOutboxMessagesQuery, bool>
{
    public async Task<bool> Handle(AnyNewOutboxMessagesQuery query, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        foreach (var module in modules.Modules.Where(m => m.DbContextType is not null))
        {
            var outbox = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.DbContextType!);
            if (await outbox.OutboxMessages.AnyAsync(m => m.ProcessedAt == null && m.Attempts == 0, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class DispatchOutboxCommandHandler(
    ModuleCatalog modules,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<DispatchOutboxCommandHandler> logger) : IRequestHandler<DispatchOutboxCommand, Unit>
{
    private const int BatchSize = 200;

    /// <summary>A message that failed this often stays for an admin to look at instead of blocking others.</summary>
    public const int MaxAttempts = 10;

    public async Task<Unit> Handle(DispatchOutboxCommand request, CancellationToken cancellationToken)
    {
        foreach (var module in modules.Modules.Where(m => m.DbContextType is not null))
        {
            await DispatchModuleAsync(module, cancellationToken);
        }

        return Unit.Value;
    }

    private async Task DispatchModuleAsync(ModuleInfo module, CancellationToken cancellationToken)
    {
        using var outboxScope = scopes.CreateScope();
        var outbox = (ModuleDbContext)outboxScope.ServiceProvider.GetRequiredService(module.DbContextType!);
        while (true)
        {
            var batch = await outbox.OutboxMessages
                .Where(m => m.ProcessedAt == null && m.Attempts < MaxAttempts)
                .OrderBy(m => m.OccurredAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var message in batch)
            {
                try
                {
                    // A fresh scope per message: one listener's failure leaves nothing half-tracked for the next.
                    using var listenerScope = scopes.CreateScope();
                    var mediator = listenerScope.ServiceProvider.GetRequiredService<IMediator>();
                    await mediator.Publish(message.Deserialize(), cancellationToken);
                    message.ProcessedAt = clock.GetUtcNow();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    message.Attempts++;
                    message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                    logger.LogWarning(ex, "Outbox message {MessageId} of {Module} failed (attempt {Attempt})", message.Id, module.Name, message.Attempts);
                }

                await outbox.SaveChangesAsync(cancellationToken);
            }

            if (batch.Count < BatchSize)
            {
                return;
            }
        }
    }
}

/// <summary>
/// Base of every integration-event listener: applies the event and records it in the module's
/// inbox in one save, and ignores an event it has already handled (redelivery is harmless).
/// </summary>
public abstract class InboxListener<TEvent>(ModuleDbContext db, TimeProvider clock) : INotificationHandler<TEvent>
    where TEvent : IIntegrationEvent
{
    public async Task Handle(TEvent notification, CancellationToken cancellationToken)
    {
        var handler = GetType().FullName!;
        if (await db.InboxMessages.AnyAsync(m => m.MessageId == notification.EventId && m.Handler == handler, cancellationToken))
        {
            return;
        }

        await ApplyAsync(notification, cancellationToken);
        db.InboxMessages.Add(new InboxMessage(notification.EventId, handler, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueKeyViolation.IsCausedBy(ex))
        {
            // Two dispatchers (two hosts, or a manual run beside the job) delivered the same event at
            // the same moment and the other one saved first: its effect stands, this one is dropped.
            db.ChangeTracker.Clear();
            if (!await db.InboxMessages.AnyAsync(m => m.MessageId == notification.EventId && m.Handler == handler, cancellationToken))
            {
                throw;
            }
        }
    }

    protected abstract Task ApplyAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
