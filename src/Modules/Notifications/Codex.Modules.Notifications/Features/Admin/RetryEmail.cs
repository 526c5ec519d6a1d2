using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Features.Sending;
using Codex.Modules.Notifications.Persistence;
using Codex.Shared.Errors;
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

internal static class RetryEmailEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/notifications/emails/{id:guid}/retry", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new RetryEmailCommand(id), ct);
            return Results.Accepted();
        })
            .WithName("retryEmail")
            .WithSummary("Send a failed mail again");
}
