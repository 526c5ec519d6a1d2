using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Shared.Jobs;

/// <summary>
/// A scheduled job: a name (its configuration key under `Jobs:{Name}`), a default cron
/// expression, and the single MediatR command that is its body. The job is only the trigger.
/// </summary>
public sealed record RecurringCommand(string Name, string DefaultCron, Func<IRequest<Unit>> CreateCommand);

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
}

/// <param name="NextRun">Null when the scheduler does not know the job (yet).</param>
public sealed record RecurringJobState(string Name, string Cron, string TimeZone, DateTimeOffset? NextRun, DateTimeOffset? LastRun, string? LastState);

/// <summary>What the scheduler knows about the recurring jobs, for admin pages.</summary>
public interface IRecurringJobMonitor
{
    IReadOnlyList<RecurringJobState> Jobs();
}
