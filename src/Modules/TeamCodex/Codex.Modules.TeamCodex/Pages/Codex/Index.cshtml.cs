using Codex.Modules.TeamCodex.Features.Codices;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Pages.Codex;

public sealed class IndexModel(IMediator mediator, IStringLocalizer<TeamCodexTexts> texts) : CodexPage(mediator, texts)
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    public IReadOnlyList<CodexListItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Items = await Mediator.Send(new ListCodicesQuery(Search), ct);
        TakeMessage();
    }
}
