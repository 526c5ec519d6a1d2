using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Features.Sending;
using Codex.Modules.Notifications.Persistence;
using Codex.Shared.Jobs;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Notifications.Features.Admin;

/// <summary>
/// Counts per status, the recurring jobs' runs and the background queues, and — when sending is
/// late — since when the oldest due mail waits and its last error, for the admin page's header.
/// </summary>
[RequiresRole(CodexRoles.Admin)]
public sealed record GetMailOverviewQuery : IRequest<MailOverview>;

public sealed record MailOverview(
    IReadOnlyDictionary<EmailStatus, int> CountByStatus,
    IReadOnlyList<RecurringJobState> Jobs,
    IReadOnlyList<JobQueueState> Queues,
    DateTimeOffset? OldestDueSince,
    string? OldestDueError)
{
    /// <summary>Due mail normally leaves within seconds; a minute means something holds it up.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(1);

    public bool IsSendingLate(DateTimeOffset now) => OldestDueSince is { } since && now - since > LateAfter;
}

internal sealed class GetMailOverviewQueryHandler(NotificationsDbContext db, IEnumerable<IRecurringJobMonitor> monitors, TimeProvider clock)
    : IRequestHandler<GetMailOverviewQuery, MailOverview>
{
    public async Task<MailOverview> Handle(GetMailOverviewQuery query, CancellationToken cancellationToken)
    {
        var counts = await db.EmailMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var queued = await db.EmailMessages
            .Where(m => m.Status == EmailStatus.Queued && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => new { Since = m.NextAttemptAt, m.LastError })
            .FirstOrDefaultAsync(cancellationToken);
        // A claim that ran out: its sender died or lost its database; the mail waits since then.
        var orphaned = await db.EmailMessages
            .Where(m => m.Status == EmailStatus.Sending && m.LeaseUntil < now)
            .OrderBy(m => m.LeaseUntil)
            .Select(m => new { Since = m.LeaseUntil!.Value, m.LastError })
            .FirstOrDefaultAsync(cancellationToken);
        var oldest = new[] { queued, orphaned }.Where(d => d is not null).OrderBy(d => d!.Since).FirstOrDefault();
        var jobs = monitors.SelectMany(m => m.Jobs()).OrderBy(j => j.Name).ToList();
        var queues = monitors.SelectMany(m => m.Queues()).ToList();
        return new MailOverview(counts.ToDictionary(c => c.Key, c => c.Count), jobs, queues, oldest?.Since, oldest?.LastError);
    }
}

internal static class GetMailOverviewEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/notifications/overview", async (IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetMailOverviewQuery(), ct)))
            .WithName("getMailOverview")
            .WithSummary("Get mail counts per status, the mail jobs' runs and queues, and any delay");
}
