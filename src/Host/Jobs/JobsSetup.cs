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
                            // A job fetched by a host that died is visible again after this (kept alive while it runs).
                            InvisibilityTimeout = TimeSpan.FromMinutes(2),
                            QueuePollInterval = TimeSpan.FromSeconds(1),
                            // Hangfire's own scheduler locks are rows held for milliseconds; one left by a
                            // killed host must not stop scheduling for the default ten minutes.
                            DistributedLockTimeout = TimeSpan.FromSeconds(30),
                        });
                    break;
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
                    {
                        SchemaName = "hangfire",
                        PrepareSchemaIfNecessary = true,
                        QueuePollInterval = TimeSpan.Zero,
                        SlidingInvisibilityTimeout = TimeSpan.FromMinutes(2),
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
            // One server per queue, each with its own workers: a full queue of one kind never
            // holds a worker that another kind needs. The first also runs Hangfire's schedulers
            // (and serves "default", where jobs enqueued by an older version wait).
            foreach (var queue in Enum.GetValues<JobQueue>())
            {
                var workers = Math.Clamp(configuration.GetValue($"Jobs:Workers:{queue}", DefaultWorkers(queue)), 1, 20);
                services.AddHangfireServer(o =>
                {
                    o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{QueueName(queue)}";
                    o.Queues = queue == JobQueue.Scheduled ? [QueueName(queue), "default"] : [QueueName(queue)];
                    o.WorkerCount = workers;
                    o.IsLightweightServer = queue != JobQueue.Scheduled;
                    o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                    // A stopping host lets a running job finish its current step, not for minutes.
                    o.ShutdownTimeout = TimeSpan.FromSeconds(10);
                });
            }
        }

        services.AddSingleton<IJobLocks, JobLocks>();
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
                QueueName(job.Queue),
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

    /// <summary>Hangfire's queue name (lower-case letters only) for a kind of work.</summary>
    public static string QueueName(JobQueue queue) => queue.ToString().ToLowerInvariant();

    /// <summary>Outbox runs are short and frequent, daily jobs may be long: two workers each; mail is one stream.</summary>
    private static int DefaultWorkers(JobQueue queue) => queue == JobQueue.Mail ? 1 : 2;

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
/// A job lock per name lets each command run once at a time across all hosts. A run that finds
/// the lock held gives up at once instead of holding a worker: the holder does the work — and
/// after releasing, it asks whether new work arrived meanwhile and runs again if so, so nothing a
/// trigger brought waits for the next scheduled run. When the lock's session breaks (database
/// restart, network), the run stops, since another host may take over.
/// </summary>
internal sealed class RecurringCommandJob(
    IEnumerable<RecurringCommand> commands, IMediator mediator, IJobLocks locks, DatabaseOptions database, ILogger<RecurringCommandJob> logger)
{
    /// <summary>Enough to pick up what arrived during a run; the schedule catches anything beyond.</summary>
    private const int MaxRounds = 5;

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string name, CancellationToken cancellationToken)
    {
        var job = commands.FirstOrDefault(c => c.Name == name)
            ?? throw new InvalidOperationException($"No recurring command named '{name}'.");
        for (var round = 0; round < MaxRounds; round++)
        {
            await using (var held = await locks.TryAcquireAsync(name, cancellationToken))
            {
                if (held is null)
                {
                    return;
                }

                using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, held.Lost);
                try
                {
                    await mediator.Send(job.CreateCommand(), run.Token);
                }
                catch (OperationCanceledException) when (held.Lost.IsCancellationRequested)
                {
                    logger.LogWarning("Job {Job} stopped: its lock's database session was lost", name);
                    return;
                }
                catch (Exception ex) when (DatabaseUnavailable.IsCausedBy(ex))
                {
                    // Lost the database mid-run: the next run must not meet the broken pooled connections.
                    ConnectionPools.ForgetAll(database.Provider);
                    throw;
                }
            }

            if (job.PendingWork is null || !await mediator.Send(job.PendingWork(), cancellationToken))
            {
                return;
            }
        }
    }
}

/// <summary>Runs a recurring command right away (e.g. dispatch the outbox right after a commit).</summary>
internal sealed class HangfireJobTrigger(IBackgroundJobClient jobs, IEnumerable<RecurringCommand> commands) : IJobTrigger
{
    public void Trigger(string jobName)
    {
        var queue = commands.FirstOrDefault(c => c.Name == jobName)?.Queue ?? JobQueue.Scheduled;
        jobs.Enqueue<RecurringCommandJob>(JobsSetup.QueueName(queue), j => j.RunAsync(jobName, CancellationToken.None));
    }
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

    public IReadOnlyList<JobQueueState> Queues()
    {
        var monitoring = storage.GetMonitoringApi();
        var now = DateTime.UtcNow;
        // A server that missed its heartbeats for a while is gone, whatever the table still says.
        var servers = monitoring.Servers().Where(s => s.Heartbeat is null || now - s.Heartbeat.Value < TimeSpan.FromMinutes(1)).ToList();
        var queues = monitoring.Queues().ToDictionary(q => q.Name, StringComparer.Ordinal);
        return Enum.GetValues<JobQueue>().Select(JobsSetup.QueueName).Select(name =>
        {
            var queue = queues.GetValueOrDefault(name);
            var oldest = queue?.FirstJobs.Select(j => j.Value?.EnqueuedAt).OfType<DateTime>().DefaultIfEmpty().Min();
            return new JobQueueState(
                name,
                queue?.Length ?? 0,
                oldest is { } at && at != default ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
                servers.Where(s => s.Queues.Contains(name)).Sum(s => s.WorkersCount));
        }).ToList();
    }
}
