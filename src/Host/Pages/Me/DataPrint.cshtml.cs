using Codex.Host.Privacy;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Host.Pages.Me;

/// <summary>"Meine Daten" as a document to print or save as PDF: the same sections, without the site's navigation.</summary>
public sealed class DataPrintModel(IMediator mediator) : PageModel
{
    public MyData Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Data = await mediator.Send(new GetMyDataQuery(), ct);
}
