using Codex.Modules.Notifications.Contracts;
using FluentValidation;
using Hangfire;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Codex.Host.Identity.Features.RequestPasswordReset;

/// <summary>
/// "Passwort vergessen": answers the same, in the same time, whether or not the address has an
/// account — the lookup and the mail happen afterwards in a background job, so neither the answer
/// nor its timing tells a stranger which addresses exist.
/// </summary>
public sealed record RequestPasswordResetCommand(string Email) : IRequest<Unit>;

internal sealed class RequestPasswordResetCommandValidator : AbstractValidator<RequestPasswordResetCommand>
{
    public RequestPasswordResetCommandValidator() => RuleFor(c => c.Email).NotEmpty().MaximumLength(254);
}

internal sealed class RequestPasswordResetCommandHandler(IBackgroundJobClient jobs) : IRequestHandler<RequestPasswordResetCommand, Unit>
{
    public Task<Unit> Handle(RequestPasswordResetCommand command, CancellationToken ct)
    {
        jobs.Enqueue<PasswordResetMailJob>(j => j.SendAsync(command.Email.Trim(), CancellationToken.None));
        return Task.FromResult(Unit.Value);
    }
}

/// <summary>
/// The background half: an active account gets a reset link (valid <see cref="ValidHours"/> hours,
/// used up when the password changes); an invited one a fresh invitation; anything else nothing.
/// </summary>
internal sealed class PasswordResetMailJob(UserManager<CodexAccount> users, AccountInvitations invitations, IMediator mediator)
{
    public const string TemplateKey = "account.password-reset";
    public const int ValidHours = 2;

    public static string ResetPath(Guid accountId, string token) =>
        $"/Account/ResetPassword?account={accountId}&token={Uri.EscapeDataString(token)}";

    [AutomaticRetry(Attempts = 3)]
    public async Task SendAsync(string email, CancellationToken ct)
    {
        var account = await users.FindByEmailAsync(email);
        switch (account?.Status)
        {
            case AccountStatus.Active:
                var token = await users.GeneratePasswordResetTokenAsync(account);
                await mediator.Send(new SendEmailCommand(
                    account.PersonId,
                    TemplateKey,
                    new Dictionary<string, string>
                    {
                        ["Email"] = account.Email ?? email,
                        ["ValidHours"] = ValidHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["ActionPath"] = ResetPath(account.Id, token),
                    },
                    DeduplicationKey: "account.password-reset:" + Guid.NewGuid(),
                    Category: EmailCategory.Account), ct);
                break;
            case AccountStatus.Invited:
                await invitations.RenewAsync(account.Id, ct);
                break;
        }
    }
}

internal static class RequestPasswordResetEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/password-reset", async (RequestPasswordResetCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command, ct);
            return Results.Accepted();
        }).AllowAnonymous().RequireRateLimiting("login")
            .WithName("requestPasswordReset")
            .WithSummary("Request a password reset link by mail");
}
