namespace Codex.Shared.Domain;

/// <summary>Something that happened inside a module's domain; plain data, no framework types.</summary>
public interface IDomainEvent;

/// <summary>
/// Base of every editable aggregate: collects domain events until the unit of work saves them
/// to the outbox, and carries the optimistic-concurrency <see cref="Version"/>.
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _domainEvents = [];

    public Guid Id { get; protected set; }

    /// <summary>Incremented on every save; a save based on an older version is refused.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    public void ClearDomainEvents() => _domainEvents.Clear();

    public void IncrementVersion() => Version++;
}

/// <summary>A domain rule was broken. The message key is looked up in the module's texts.</summary>
public sealed class DomainException(string messageKey, string message) : Exception(message)
{
    public string MessageKey { get; } = messageKey;

    /// <summary>The request clashes with the current state (e.g. "already a member"): a 409, not a 400.</summary>
    public bool IsConflict { get; init; }
}
