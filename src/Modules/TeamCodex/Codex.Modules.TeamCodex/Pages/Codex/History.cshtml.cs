using Codex.Modules.TeamCodex.Features.Versions;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Pages.Codex;

public sealed class HistoryModel(IMediator mediator, IStringLocalizer<TeamCodexTexts> texts) : CodexPage(mediator, texts)
{
    [BindProperty(SupportsGet = true)]
    public Guid UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    public VersionHistory History { get; private set; } = null!;

    public VersionComparison? Comparison { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var failed = await LoadAsync(async () =>
        {
            History = await Mediator.Send(new ListVersionsQuery(UnitId), ct);
            if (From is { } from && To is { } to)
            {
                (_, Comparison) = await TrySendAsync(new CompareVersionsQuery(UnitId, from, to), ct);
            }
        });
        return failed ?? Page();
    }
}
