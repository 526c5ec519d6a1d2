using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Features.Rounds;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Pages.Codex;

public sealed class RoundModel(IMediator mediator, IStringLocalizer<TeamCodexTexts> texts) : CodexPage(mediator, texts)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public ResponseKind? Kind { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public RoundView Round { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public async Task<IActionResult> OnPostRespondAsync(CancellationToken ct)
    {
        if (Kind is null)
        {
            Problem = Texts["Round.ChooseResponse"];
            return await ShowAsync(ct);
        }

        return await TryAsync(new RespondToRoundCommand(Id, Kind.Value, Reason), Texts["Round.Responded"], ct)
            ? Redirect($"/codex/rounds/{Id}")
            : await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct) =>
        await TryAsync(new CloseRoundCommand(Id), Texts["Round.Closed"], ct) ? Redirect($"/codex/rounds/{Id}") : await ShowAsync(ct);

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var failed = await LoadAsync(async () => Round = await Mediator.Send(new GetRoundQuery(Id), ct));
        TakeMessage();
        if (failed is null && Kind is null && Round.MyResponse is { } mine)
        {
            Kind = mine.Kind;
            Reason ??= mine.Reason;
        }

        return failed ?? Page();
    }
}
