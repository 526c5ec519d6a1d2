using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Shared.Jobs;

/// <summary>
/// Each kind of background work has its own queue and workers, so that no kind can hold up another:
/// a long mail run never delays the delivery of a membership change, and neither delays a daily job.
/// </summary>
public enum JobQueue
{
    /// <summary>Outbox dispatch: integration events between modules.</summary>
    Outbox,

    /// <summary>Mail sending.</summary>
    Mail,

    /// <summary>Daily and nightly jobs.</summary>
    Scheduled,
}

/// <summary>
/// A scheduled job: a name (its configuration key under `Jobs:{Name}`), a default cron
/// expression, and the single MediatR command that is its body. The job is only the trigger.
/// </summary>
/// <param name="PendingWork">
/// For a job that is also triggered after a commit: a query "is there new work?", asked after the
/// job's lock is released. A trigger that finds the lock held gives up at once; this question makes
/// sure the work it brought is not left to the next scheduled run.
/// </param>
public sealed record RecurringCommand(
    string Name, string DefaultCron, Func<IRequest<Unit>> CreateCommand, JobQueue Queue = JobQueue.Scheduled, Func<IRequest<bool>>? PendingWork = null);

/// <summary>Runs a recurring command now, in the background (after the current commit).</summary>
public interface IJobTrigger
{
    void Trigger(string jobName);
}

public static class RecurringCommandRegistration
{
    public static IServiceCollection AddRecurringCommand(
        this IServiceCollection services, string name, string defaultCron, Func<IRequest<Unit>> createCommand) =>
        services.AddSingleton(new RecurringCommand(name, defaultCron, createCommand));

    public static IServiceCollection AddRecurringCommand(this IServiceCollection services, RecurringCommand command) =>
        services.AddSingleton(command);
}

/// <param name="NextRun">Null when the scheduler does not know the job (yet).</param>
public sealed record RecurringJobState(string Name, string Cron, string TimeZone, DateTimeOffset? NextRun, DateTimeOffset? LastRun, string? LastState);

/// <summary>
/// One queue of background work: how many jobs wait, since when, and how many workers serve it.
/// Work is late when the oldest waits long or nobody serves the queue.
/// </summary>
public sealed record JobQueueState(string Name, long Waiting, DateTimeOffset? OldestWaitingSince, int Workers)
{
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(1);

    public bool IsLate(DateTimeOffset now) =>
        (Waiting > 0 && Workers == 0) || (OldestWaitingSince is { } since && now - since > LateAfter);
}

/// <summary>What the scheduler knows about the recurring jobs and queues, for admin pages.</summary>
public interface IRecurringJobMonitor
{
    IReadOnlyList<RecurringJobState> Jobs();

    IReadOnlyList<JobQueueState> Queues();
}
