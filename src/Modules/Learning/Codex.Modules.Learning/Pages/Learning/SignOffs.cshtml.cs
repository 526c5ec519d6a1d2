using Codex.Modules.Learning.Features.Enrolments;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Learning.Pages.Learning;

public sealed class SignOffsModel(IMediator mediator, IStringLocalizer<LearningTexts> texts) : PageModel
{
    public IReadOnlyList<SignOffItem> Items { get; private set; } = [];

    public string? Problem { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(bool done, CancellationToken ct)
    {
        Message = done ? texts["SignOffs.Done"].Value : null;
        Items = await mediator.Send(new GetSignOffQueueQuery(), ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid enrolmentId, Guid stepId, int version, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new SignOffStepCommand(enrolmentId, stepId, version), ct);
            return Redirect("/learning/sign-offs?done=true");
        }
        catch (Exception ex) when (LearningFormat.TryExplain(ex, texts, ModelState, out var problem))
        {
            Problem = problem;
        }

        Items = await mediator.Send(new GetSignOffQueueQuery(), ct);
        return Page();
    }
}
