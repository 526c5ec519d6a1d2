using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Shared.Audit;

/// <summary>
/// What the reader of the audit trail asks for: entries about one person and/or by one actor, of one module,
/// in a time range (all optional, combined with "and").
/// </summary>
public sealed record AuditTrailFilter(Guid? PersonId = null, Guid? ActorPersonId = null, string? Module = null, DateTimeOffset? From = null, DateTimeOffset? Before = null)
{
    public bool Includes(string module) => Module is null || string.Equals(Module, module, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One entry as the reader sees it, from whichever module and store it comes.</summary>
public sealed record AuditTrailEntry(
    string Module, DateTimeOffset At, string Action, Guid? ActorPersonId, string ActorName, Guid? SubjectPersonId, string? Subject, string? Detail);

/// <summary>
/// The one audit trail, read across modules: the Host publishes it, every module adds its newest
/// <see cref="Newest"/> matching entries and how many match in all; the Host merges them by time.
/// Thread-safe, like <c>PersonalDataRequested</c>.
/// </summary>
public sealed class AuditTrailRequested(AuditTrailFilter filter, int newest) : INotification
{
    private readonly ConcurrentQueue<AuditTrailEntry> _entries = new();
    private int _total;

    public AuditTrailFilter Filter { get; } = filter;

    /// <summary>How many of the newest entries each module needs to add (the reader's page and all before it).</summary>
    public int Newest { get; } = newest;

    public IReadOnlyList<AuditTrailEntry> Entries => [.. _entries];

    public int Total => _total;

    /// <summary>
    /// Adds one store's part: the rows matching the filter (by the row's time, actor and subject person), how many
    /// match in all, and the newest <see cref="Newest"/> of them as entries.
    /// </summary>
    public async Task AddAsync<T>(
        IQueryable<T> store,
        Expression<Func<T, DateTimeOffset>> at,
        Expression<Func<T, Guid?>> actor,
        Expression<Func<T, Guid?>> subject,
        Func<T, AuditTrailEntry> toEntry,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(toEntry);
        var matching = store;
        if (Filter.PersonId is { } person)
        {
            matching = matching.Where(Compare(subject, (Guid?)person, ExpressionType.Equal));
        }

        if (Filter.ActorPersonId is { } actorId)
        {
            matching = matching.Where(Compare(actor, (Guid?)actorId, ExpressionType.Equal));
        }

        if (Filter.From is { } from)
        {
            matching = matching.Where(Compare(at, from, ExpressionType.GreaterThanOrEqual));
        }

        if (Filter.Before is { } before)
        {
            matching = matching.Where(Compare(at, before, ExpressionType.LessThan));
        }

        var count = await matching.CountAsync(cancellationToken);
        Interlocked.Add(ref _total, count);
        if (count == 0)
        {
            return;
        }

        foreach (var row in await matching.OrderByDescending(at).Take(Newest).ToListAsync(cancellationToken))
        {
            _entries.Enqueue(toEntry(row));
        }
    }

    /// <summary>"row.Member op value", with the value as a query parameter (a captured variable), not a literal.</summary>
    private static Expression<Func<T, bool>> Compare<T, TValue>(Expression<Func<T, TValue>> member, TValue value, ExpressionType op)
    {
        var parameter = Expression.Field(Expression.Constant(new StrongBox<TValue>(value)), nameof(StrongBox<TValue>.Value));
        return Expression.Lambda<Func<T, bool>>(Expression.MakeBinary(op, member.Body, parameter), member.Parameters);
    }
}

/// <summary>Nightly retention (`Retention:AuditDays`): every module deletes its audit entries older than <see cref="Before"/>.</summary>
public sealed record AuditTrailExpired(DateTimeOffset Before) : INotification;

/// <summary>
/// A module's part of the audit trail: answers <see cref="AuditTrailRequested"/> from its "AuditTrail" table and
/// deletes expired entries. A module with older audit stores of its own adds them in <see cref="AddOtherStoresAsync"/>.
/// </summary>
public abstract class ModuleAuditTrail(DbSet<AuditRecord> trail, string module)
    : INotificationHandler<AuditTrailRequested>, INotificationHandler<AuditTrailExpired>
{
    protected string Module { get; } = module;

    public async Task Handle(AuditTrailRequested notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!notification.Filter.Includes(Module))
        {
            return;
        }

        var module = Module;
        await notification.AddAsync(
            trail.AsNoTracking(), r => r.At, r => r.ActorPersonId, r => r.SubjectPersonId,
            r => new AuditTrailEntry(module, r.At, r.Action, r.ActorPersonId, r.ActorName, r.SubjectPersonId, r.Subject, r.Detail),
            cancellationToken);
        await AddOtherStoresAsync(notification, cancellationToken);
    }

    public async Task Handle(AuditTrailExpired notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var before = notification.Before;
        await trail.Where(r => r.At < before).ExecuteDeleteAsync(cancellationToken);
        await PurgeOtherStoresAsync(before, cancellationToken);
    }

    protected virtual Task AddOtherStoresAsync(AuditTrailRequested request, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deletes the entries of the module's other audit stores older than <paramref name="before"/>, unless a job of its own does.</summary>
    protected virtual Task PurgeOtherStoresAsync(DateTimeOffset before, CancellationToken cancellationToken) => Task.CompletedTask;
}
