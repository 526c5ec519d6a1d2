using Codex.Modules.TeamCodex.Features.Codices;
using Codex.Modules.TeamCodex.Features.Proposals;
using Codex.Shared.Persistence;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Pages.Codex;

public sealed class ProposalsModel(IMediator mediator, IStringLocalizer<TeamCodexTexts> texts) : CodexPage(mediator, texts)
{
    [BindProperty(SupportsGet = true)]
    public Guid UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Rationale { get; set; }

    public CodexOverview Codex { get; private set; } = null!;

    public PagedResult<ProposalSummary> Proposals { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (ok, id) = await TrySendAsync(new ProposeChangeCommand(UnitId, Title ?? "", Rationale ?? ""), ct);
        if (ok)
        {
            TempData["Message"] = Texts["Proposals.Created"].Value;
            return Redirect($"/codex/proposals/{id}");
        }

        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var failed = await LoadAsync(async () =>
        {
            Codex = await Mediator.Send(new GetCodexQuery(UnitId), ct);
            Proposals = await Mediator.Send(new ListProposalsQuery(UnitId, All, PageNumber), ct);
        });
        TakeMessage();
        return failed ?? Page();
    }
}
