using Codex.Modules.Learning.Features.Enrolments;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Modules.Learning.Pages.Learning;

public sealed class PrintModel(IMediator mediator, TimeProvider clock) : PageModel
{
    public IReadOnlyList<EnrolmentView> Enrolments { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var cards = await mediator.Send(new GetMyLearningQuery(), ct);
        var views = new List<EnrolmentView>();
        foreach (var card in cards)
        {
            views.Add(await mediator.Send(new GetEnrolmentQuery(card.EnrolmentId), ct));
        }

        Enrolments = views;
    }
}
