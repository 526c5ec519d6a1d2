using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Features.Sending;
using Codex.Modules.Notifications.Persistence;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Errors;
using Codex.Shared.Jobs;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Notifications.Features.Admin;

/// <summary>The email outbox for admins: newest first, filtered by status.</summary>
[RequiresRole(CodexRoles.Admin)]
public sealed record ListEmailsQuery(EmailStatus? Status = null, int Page = 1, int PageSize = 50) : IRequest<PagedResult<EmailListItem>>;

public sealed record EmailListItem(
    Guid Id, DateTimeOffset CreatedAt, string Recipient, string TemplateKey, EmailCategory Category, EmailStatus Status,
    int Attempts, DateTimeOffset? SentAt, DateTimeOffset NextAttemptAt, string? Subject, string? LastError);

internal sealed class ListEmailsQueryValidator : AbstractValidator<ListEmailsQuery>
{
    public ListEmailsQueryValidator()
    {
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PagingExtensions.MaxPageSize);
    }
}

internal sealed class ListEmailsQueryHandler(NotificationsDbContext db, IMediator mediator) : IRequestHandler<ListEmailsQuery, PagedResult<EmailListItem>>
{
    public async Task<PagedResult<EmailListItem>> Handle(ListEmailsQuery query, CancellationToken cancellationToken)
    {
        var emails = db.EmailMessages.AsNoTracking();
        if (query.Status is { } status)
        {
            emails = emails.Where(m => m.Status == status);
        }

        var page = await emails.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.CreatedAt, m.RecipientPersonId, m.RecipientAddress, m.TemplateKey, m.Category, m.Status, m.Attempts, m.SentAt, m.NextAttemptAt, m.Subject, m.LastError })
            .ToPagedAsync(query.Page, query.PageSize, cancellationToken);

        // One query for all names of the page, not one per row.
        var contacts = (await mediator.Send(new GetPeopleContactsQuery(page.Items.Select(i => i.RecipientPersonId).Distinct().ToList()), cancellationToken))
            .ToDictionary(c => c.PersonId, c => c.DisplayName);
        var items = page.Items.Select(i => new EmailListItem(
                i.Id, i.CreatedAt, contacts.GetValueOrDefault(i.RecipientPersonId) ?? i.RecipientAddress ?? i.RecipientPersonId.ToString(),
                i.TemplateKey, i.Category, i.Status, i.Attempts, i.SentAt, i.NextAttemptAt, i.Subject, i.LastError))
            .ToList();
        return new PagedResult<EmailListItem>(items, page.Page, page.PageSize, page.TotalCount);
    }
}

[RequiresRole(CodexRoles.Admin)]
public sealed record GetEmailQuery(Guid Id) : IRequest<EmailDetails>;

/// <param name="ContentWithheld">
/// A sign-in mail (invitation, password reset): its text holds a personal link that would let the
/// reader set someone else's password, so nobody is shown it.
/// </param>
public sealed record EmailDetails(
    Guid Id, string TemplateKey, EmailStatus Status, string? RecipientAddress, string? Subject, string? TextBody, string? HtmlBody,
    string MessageId, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, Guid? DigestId, bool ContentWithheld = false);

internal sealed class GetEmailQueryHandler(NotificationsDbContext db) : IRequestHandler<GetEmailQuery, EmailDetails>
{
    public async Task<EmailDetails> Handle(GetEmailQuery query, CancellationToken cancellationToken) =>
        await db.EmailMessages.AsNoTracking().Where(m => m.Id == query.Id)
            .Select(m => new EmailDetails(m.Id, m.TemplateKey, m.Status, m.RecipientAddress, m.Subject,
                m.Category == EmailCategory.Account ? null : m.TextBody, m.Category == EmailCategory.Account ? null : m.HtmlBody,
                m.MessageId, m.Attempts, m.LastError, m.CreatedAt, m.SentAt, m.DigestId, m.Category == EmailCategory.Account))
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Email", query.Id);
}

/// <summary>An admin sends a failed mail again (e.g. after fixing the address or the server).</summary>
[RequiresRole(CodexRoles.Admin)]
public sealed record RetryEmailCommand(Guid Id) : IRequest<Unit>;

internal sealed class RetryEmailCommandHandler(NotificationsDbContext db, TimeProvider clock, IJobTrigger jobs) : IRequestHandler<RetryEmailCommand, Unit>
{
    public async Task<Unit> Handle(RetryEmailCommand command, CancellationToken cancellationToken)
    {
        var message = await db.EmailMessages.FindAsync([command.Id], cancellationToken) ?? throw new NotFoundException("Email", command.Id);
        message.Retry(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        jobs.Trigger(SendQueuedEmailsCommand.JobName);
        return Unit.Value;
    }
}

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

internal static class MailAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/notifications/emails", async (EmailStatus? status, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListEmailsQuery(status, page ?? 1, pageSize ?? 50), ct)));
        api.MapGet("/notifications/emails/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetEmailQuery(id), ct)));
        api.MapPost("/notifications/emails/{id:guid}/retry", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new RetryEmailCommand(id), ct);
            return Results.Accepted();
        });
        api.MapGet("/notifications/overview", async (IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetMailOverviewQuery(), ct)));
    }
}
