using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Features.Sending;
using Codex.Modules.Notifications.Persistence;
using Codex.Modules.Organization.Contracts;
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

internal static class ListEmailsEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/notifications/emails", async (EmailStatus? status, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListEmailsQuery(status, page ?? 1, pageSize ?? 50), ct)))
            .WithName("listEmails")
            .WithSummary("List the mail outbox, newest first, filtered by status");
}
