using Codex.Modules.Learning.Features.Enrolments;
using Codex.Shared.Errors;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Learning.Pages.Learning;

public sealed class EnrolmentModel(IMediator mediator, IStringLocalizer<LearningTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public EnrolmentView? View { get; private set; }

    public string? Problem { get; private set; }

    public string? Message { get; private set; }

    /// <summary>The step whose form failed, so its evidence stays filled in.</summary>
    public Guid? FailedStep { get; private set; }

    public string? Evidence { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        Message = saved ? texts["Enrolment.Saved"].Value : null;
        return await LoadAsync(ct);
    }

    public Task<IActionResult> OnPostCompleteAsync(Guid stepId, string? evidence, int version, CancellationToken ct) =>
        RunAsync(new CompleteStepCommand(Id, stepId, evidence, version), stepId, evidence, ct);

    public Task<IActionResult> OnPostSignOffAsync(Guid stepId, int version, CancellationToken ct) =>
        RunAsync(new SignOffStepCommand(Id, stepId, version), stepId, null, ct);

    private async Task<IActionResult> RunAsync(IRequest<Unit> command, Guid stepId, string? evidence, CancellationToken ct)
    {
        try
        {
            await mediator.Send(command, ct);
            return Redirect($"/learning/enrolments/{Id}?saved=true");
        }
        catch (Exception ex) when (LearningFormat.TryExplain(ex, texts, ModelState, out var problem))
        {
            Problem = problem;
            FailedStep = stepId;
            Evidence = evidence;
        }

        return await LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        try
        {
            View = await mediator.Send(new GetEnrolmentQuery(Id), ct);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
    }
}
