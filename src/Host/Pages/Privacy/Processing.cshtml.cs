using Codex.Host.Privacy;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Host.Pages.Privacy;

/// <summary>"Verarbeitungsübersicht": what Codex stores, for what, who sees it and how long — readable by everyone signed in, printable.</summary>
public sealed class ProcessingModel(IMediator mediator) : PageModel
{
    public ProcessingOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Overview = await mediator.Send(new GetProcessingOverviewQuery(), ct);
}
