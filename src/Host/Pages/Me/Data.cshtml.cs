using Codex.Host.Privacy;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Host.Pages.Me;

/// <summary>"Meine Daten": everything Codex holds about the signed-in person, with the JSON download and the print view.</summary>
public sealed class DataModel(IMediator mediator) : PageModel
{
    public MyData Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Data = await mediator.Send(new GetMyDataQuery(), ct);
}
