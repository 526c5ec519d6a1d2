using MediatR;

namespace Codex.Shared.Contracts;

/// <summary>
/// A fact one module publishes for others, delivered through the publisher's outbox.
/// <see cref="EventId"/> is stable across redeliveries so listeners can deduplicate in their inbox.
/// </summary>
public interface IIntegrationEvent : INotification
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }
}
