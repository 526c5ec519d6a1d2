using Codex.Modules.TeamCodex.Features.Acknowledgements;
using Codex.Modules.TeamCodex.Features.Codices;
using Codex.Modules.TeamCodex.Features.Versions;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Pages.Codex;

public sealed class UnitModel(IMediator mediator, IStringLocalizer<TeamCodexTexts> texts) : CodexPage(mediator, texts)
{
    [BindProperty(SupportsGet = true)]
    public Guid UnitId { get; set; }

    public CodexOverview Codex { get; private set; } = null!;

    /// <summary>What changed since the version the member confirmed last (instead of the whole text again).</summary>
    public VersionComparison? ChangesSinceMyLastAcknowledgement { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct) =>
        await TryAsync(new CreateCodexCommand(UnitId), Texts["Unit.Created"], ct) ? Redirect($"/codex/{UnitId}/draft") : await ShowAsync(ct);

    public async Task<IActionResult> OnPostAcknowledgeAsync(int version, CancellationToken ct) =>
        await TryAsync(new AcknowledgeVersionCommand(UnitId, version), Texts["Unit.Acknowledged", version], ct) ? Redirect($"/codex/{UnitId}") : await ShowAsync(ct);

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var failed = await LoadAsync(async () =>
        {
            Codex = await Mediator.Send(new GetCodexQuery(UnitId), ct);
            if (Codex is { NeedsMyAcknowledgement: true, MyAcknowledgedVersion: { } seen, InForce: { } inForce })
            {
                ChangesSinceMyLastAcknowledgement = await Mediator.Send(new CompareVersionsQuery(UnitId, seen, inForce.Number), ct);
            }
        });
        TakeMessage();
        return failed ?? Page();
    }
}
