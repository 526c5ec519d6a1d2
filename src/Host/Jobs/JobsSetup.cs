using Codex.Shared.Jobs;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using MediatR;

namespace Codex.Host.Jobs;

internal static class JobsSetup
{
    public static IServiceCollection AddCodexJobs(this IServiceCollection services, DatabaseOptions database, IConfiguration configuration)
    {
        services.AddHangfire(config =>
        {
            config.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            switch (database.Provider)
            {
                case DatabaseProvider.PostgreSql:
                    config.UsePostgreSqlStorage(
                        o => o.UseNpgsqlConnection(database.ConnectionString),
                        new PostgreSqlStorageOptions
                        {
                            SchemaName = "hangfire",
                            PrepareSchemaIfNecessary = true,
                            // Off by default in Hangfire.PostgreSql: long jobs would otherwise run twice.
                            UseSlidingInvisibilityTimeout = true,
                            QueuePollInterval = TimeSpan.FromSeconds(1),
                        });
                    break;
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
                    {
                        SchemaName = "hangfire",
                        PrepareSchemaIfNecessary = true,
                        QueuePollInterval = TimeSpan.Zero,
                    });
                    break;
                default:
                    // Safe on the embedded default: the durable state (outbox, mail queue) is in the app database.
                    config.UseInMemoryStorage();
                    break;
            }
        });

        if (configuration.GetValue("Jobs:RunServer", true))
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        }

        services.AddSingleton<IJobTrigger, HangfireJobTrigger>();
        services.AddSingleton<IRecurringJobMonitor, HangfireRecurringJobMonitor>();
        services.AddScoped<RecurringCommandJob>();
        return services;
    }

    /// <summary>
    /// Registers every recurring command under its name; `Jobs:{name}:Cron` and
    /// `Jobs:{name}:TimeZone` (default Europe/Berlin) override the defaults.
    /// </summary>
    public static void ScheduleRecurringCommands(this WebApplication app)
    {
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        foreach (var job in app.Services.GetServices<RecurringCommand>())
        {
            var section = app.Configuration.GetSection($"Jobs:{job.Name}");
            var timeZone = TimeZoneInfo.FindSystemTimeZoneById(section["TimeZone"] ?? "Europe/Berlin");
            manager.AddOrUpdate<RecurringCommandJob>(
                job.Name,
                j => j.RunAsync(job.Name, CancellationToken.None),
                section["Cron"] ?? job.DefaultCron,
                new RecurringJobOptions
                {
                    TimeZone = timeZone,
                    // A missed occurrence runs once when the server is back, not once per missed slot.
                    MisfireHandling = MisfireHandlingMode.Relaxed,
                });
        }
    }

    public static void MapJobsDashboard(this WebApplication app) =>
        app.UseHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboardFilter()],
            DashboardTitle = "Codex – Hintergrundjobs",
            AppPath = "/",
        });

    private sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(CodexRoles.Admin);
    }
}

/// <summary>
/// The Hangfire job behind every recurring command: a trigger, the rule lives in the module.
/// A distributed lock per job name lets each command run once at a time across all instances
/// (a second trigger waits for the first instead of racing it over the same rows).
/// </summary>
internal sealed class RecurringCommandJob(IEnumerable<RecurringCommand> commands, IMediator mediator, JobStorage storage)
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(5);

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string name, CancellationToken cancellationToken)
    {
        var job = commands.FirstOrDefault(c => c.Name == name)
            ?? throw new InvalidOperationException($"No recurring command named '{name}'.");
        using var connection = storage.GetConnection();
        IDisposable distributedLock;
        try
        {
            distributedLock = connection.AcquireDistributedLock($"codex:job:{name}", LockWait);
        }
        catch (Hangfire.Storage.DistributedLockTimeoutException)
        {
            // Still running elsewhere for minutes: that run or the next occurrence does the work.
            return;
        }

        using (distributedLock)
        {
            await mediator.Send(job.CreateCommand(), cancellationToken);
        }
    }
}

/// <summary>Runs a recurring command right away (e.g. dispatch the outbox right after a commit).</summary>
internal sealed class HangfireJobTrigger(IBackgroundJobClient jobs) : IJobTrigger
{
    public void Trigger(string jobName) =>
        jobs.Enqueue<RecurringCommandJob>(j => j.RunAsync(jobName, CancellationToken.None));
}

/// <summary>Reads the recurring jobs' schedule from Hangfire's storage for admin pages.</summary>
internal sealed class HangfireRecurringJobMonitor(JobStorage storage) : IRecurringJobMonitor
{
    public IReadOnlyList<RecurringJobState> Jobs()
    {
        using var connection = storage.GetConnection();
        return Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection)
            .Select(j => new RecurringJobState(
                j.Id, j.Cron, j.TimeZoneId ?? "UTC",
                j.NextExecution is { } next ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) : null,
                j.LastExecution is { } last ? new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc)) : null,
                j.LastJobState))
            .ToList();
    }
}
