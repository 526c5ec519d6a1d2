using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Features.Sending;
using Codex.Modules.Notifications.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Notifications.Features.Admin;

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

internal static class GetEmailEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/notifications/emails/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetEmailQuery(id), ct)))
            .WithName("getEmail")
            .WithSummary("Get one mail from the outbox");
}
