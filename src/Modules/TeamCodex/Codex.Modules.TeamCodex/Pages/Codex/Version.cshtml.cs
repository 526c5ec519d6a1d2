using Codex.Modules.TeamCodex.Features.Versions;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Pages.Codex;

/// <summary>One version as published; also the model of the print view (Print.cshtml), which shows it without navigation.</summary>
public sealed class VersionModel(IMediator mediator, IStringLocalizer<TeamCodexTexts> texts) : CodexPage(mediator, texts)
{
    [BindProperty(SupportsGet = true)]
    public Guid UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Number { get; set; }

    public VersionDocument Version { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(async () => Version = await Mediator.Send(new GetVersionQuery(UnitId, Number), ct)) ?? Page();
}
