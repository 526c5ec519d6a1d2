using System.Globalization;
using Codex.Host.Identity.Features.CountOpenInvitations;
using Codex.Shared.Time;
using Codex.Modules.Learning.Contracts;
using Codex.Modules.TeamCodex.Contracts;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Host.Pages;

/// <summary>
/// The home page: what waits for the signed-in person in every module, each one link away, or —
/// when nothing does — what Codex is for and where to start.
/// </summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public string DisplayName => User.FindFirst("codex:display-name")?.Value ?? User.Identity?.Name ?? "";

    public IReadOnlyList<RoundAwaitingResponse> Rounds { get; private set; } = [];

    public IReadOnlyList<VersionAwaitingAcknowledgement> Versions { get; private set; } = [];

    public IReadOnlyList<DueStep> Steps { get; private set; } = [];

    public SignOffsWaiting SignOffs { get; private set; } = new(0, "/learning/sign-offs");

    /// <summary>For Admin and HR: people invited who have not set a password yet.</summary>
    public OpenInvitations Invitations { get; private set; } = new(0, 0);

    public bool NothingWaits => Rounds.Count == 0 && Versions.Count == 0 && Steps.Count == 0 && SignOffs.Count == 0 && Invitations.Total == 0;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // One after the other: the module queries share this request's scope (and its cached unit names).
        Rounds = await mediator.Send(new GetRoundsAwaitingMyResponseQuery(), ct);
        Versions = await mediator.Send(new GetVersionsAwaitingMyAcknowledgementQuery(), ct);
        Steps = await mediator.Send(new GetMyDueStepsQuery(), ct);
        SignOffs = await mediator.Send(new GetSignOffsWaitingForMeQuery(), ct);
        if (User.IsInRole(CodexRoles.Admin) || User.IsInRole(CodexRoles.HR))
        {
            Invitations = await mediator.Send(new CountOpenInvitationsQuery(), ct);
        }
    }

    /// <summary>A calendar date (closing dates have no time of day) in the reader's culture.</summary>
    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>A moment as the date it is in the organisation's time zone, in the reader's culture.</summary>
    public string Date(DateTimeOffset at) => at.LocalDate();
}
