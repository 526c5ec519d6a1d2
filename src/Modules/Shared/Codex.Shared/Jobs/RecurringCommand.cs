using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Shared.Jobs;

/// <summary>
/// A scheduled job: a name (its configuration key under `Jobs:{Name}`), a default cron
/// expression, and the single MediatR command that is its body. The job is only the trigger.
/// </summary>
public sealed record RecurringCommand(string Name, string DefaultCron, Func<IRequest<Unit>> CreateCommand);

public static class RecurringCommandRegistration
{
    public static IServiceCollection AddRecurringCommand(
        this IServiceCollection services, string name, string defaultCron, Func<IRequest<Unit>> createCommand) =>
        services.AddSingleton(new RecurringCommand(name, defaultCron, createCommand));
}
