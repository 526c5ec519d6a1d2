using System.Globalization;
using Codex.Modules.TeamCodex.Features.Acknowledgements;
using Codex.Modules.TeamCodex.Features.Codices;
using Codex.Modules.TeamCodex.Features.Rounds;
using Codex.Shared.Time;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Pages.Codex;

/// <summary>For the unit's leads: review cadence, reminders, quorum, a review round on the codex as it is, and who has confirmed the version in force.</summary>
public sealed class SettingsModel(IMediator mediator, IStringLocalizer<TeamCodexTexts> texts, TimeProvider clock) : CodexPage(mediator, texts)
{
    [BindProperty(SupportsGet = true)]
    public Guid UnitId { get; set; }

    [BindProperty]
    public ChangeCodexSettingsCommand? Data { get; set; }

    [BindProperty]
    public DateOnly? ClosesOn { get; set; }

    public CodexOverview Codex { get; private set; } = null!;

    public AcknowledgementStatus Acknowledgements { get; private set; } = null!;

    public DateOnly DefaultClosesOn => OrganisationTime.Today(clock.GetUtcNow()).AddDays(14);

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        Data is not null && await TryAsync(Data with { UnitId = UnitId }, Texts["Settings.Saved"], ct)
            ? Redirect($"/codex/{UnitId}/settings")
            : await ShowAsync(ct);

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken ct)
    {
        var (ok, roundId) = await TrySendAsync(new OpenRoundCommand(UnitId, null, ClosesOn ?? default), ct);
        if (ok)
        {
            TempData["Message"] = Texts["Round.Opened"].Value;
            return Redirect($"/codex/rounds/{roundId}");
        }

        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var keepInput = Problem is not null && Data is not null;
        var failed = await LoadAsync(async () =>
        {
            Codex = await Mediator.Send(new GetCodexQuery(UnitId), ct);
            var saved = await Mediator.Send(new GetCodexSettingsQuery(UnitId), ct);
            if (keepInput && Problem == Texts["Common.Conflict"])
            {
                // Someone saved in between: the form keeps what the user entered, says what is saved now, and
                // saving again takes the user's entries over the current state on purpose.
                Problem = Texts["Settings.Conflict",
                    saved.ReviewCadenceMonths, saved.NextReviewOn?.Shown() ?? "–", saved.ResponseReminderDaysBeforeClose,
                    saved.AcknowledgeReminderAfterDays, saved.QuorumPercent?.ToString(CultureInfo.CurrentCulture) ?? "–"];
                Data = Data! with { ExpectedVersion = saved.ExpectedVersion };
                ModelState.Remove("Data.ExpectedVersion");
            }
            else
            {
                Data = keepInput ? Data : saved;
            }
            Acknowledgements = await Mediator.Send(new GetAcknowledgementStatusQuery(UnitId), ct);
        });
        TakeMessage();
        return failed ?? Page();
    }
}
