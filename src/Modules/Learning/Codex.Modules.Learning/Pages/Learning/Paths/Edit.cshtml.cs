using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Paths;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Errors;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Learning.Pages.Learning.Paths;

/// <summary>The path's details and its steps: add, edit, remove, and reorder with up/down buttons (no script needed).</summary>
[Authorize(Roles = $"{CodexRoles.Admin},{CodexRoles.HR}")]
public sealed class EditModel(IMediator mediator, IStringLocalizer<LearningTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    /// <summary>The step being edited (null: the form adds a new one).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Step { get; set; }

    [BindProperty]
    public PathForm Data { get; set; } = new();

    [BindProperty]
    public StepForm StepData { get; set; } = new();

    public PathDetails? Path { get; private set; }

    public IReadOnlyList<ToolSummary> Tools { get; private set; } = [];

    public string? Problem { get; private set; }

    /// <summary>Someone else saved meanwhile: the form keeps the user's input, the stored state is shown beside it.</summary>
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Path is not null)
        {
            Data = new PathForm { Title = Path.Title, Description = Path.Description, AnyOrder = Path.AnyOrder, RecurrenceMonths = Path.RecurrenceMonths, Version = Path.Version };
            if (Step is { } stepId && Path.Steps.FirstOrDefault(s => s.Id == stepId) is { } s)
            {
                StepData = new StepForm
                {
                    Title = s.Title, Description = s.Description, Kind = s.Kind, EffortMinutes = s.EffortMinutes, Link = s.Link,
                    ScheduledAt = s.ScheduledAt is { } at ? LearningFormat.ToOrganisationClock(at) : null, Place = s.Place, TargetToolId = s.TargetToolId, TargetLevel = s.TargetLevel,
                    RequiresSignOff = s.RequiresSignOff,
                };
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            if (Id is { } id)
            {
                await mediator.Send(new UpdatePathCommand(id, Data.Title, Data.Description, Data.AnyOrder, Data.RecurrenceMonths, Data.Version), ct);
                return Redirect($"/learning/paths/edit/{id}");
            }

            var created = await mediator.Send(new CreatePathCommand(Data.Title, Data.Description, Data.AnyOrder, Data.RecurrenceMonths), ct);
            return Redirect($"/learning/paths/edit/{created}");
        }
        catch (Exception ex) when (LearningFormat.TryExplain(ex, texts, ModelState, out var problem))
        {
            Problem = problem;
            Conflict = LearningFormat.IsConflict(ex);
        }

        return await ReloadAsync(ct);
    }

    public Task<IActionResult> OnPostStepAsync(CancellationToken ct)
    {
        var s = StepData;
        DateTimeOffset? at = s.ScheduledAt is { } local ? LearningFormat.FromOrganisationClock(local) : null;
        return RunAsync(
            new SaveStepCommand(Id ?? Guid.Empty, Step, s.Title, s.Kind, s.EffortMinutes, s.Link, at, s.Place, s.TargetToolId, s.TargetLevel, s.RequiresSignOff, s.Description, Data.Version),
            "StepData", ct);
    }

    public Task<IActionResult> OnPostMoveAsync(Guid stepId, int direction, CancellationToken ct) =>
        RunAsync(new MoveStepCommand(Id ?? Guid.Empty, stepId, direction, Data.Version), "", ct);

    public Task<IActionResult> OnPostRemoveAsync(Guid stepId, CancellationToken ct) =>
        RunAsync(new RemoveStepCommand(Id ?? Guid.Empty, stepId, Data.Version), "", ct);

    private async Task<IActionResult> RunAsync<T>(IRequest<T> command, string prefix, CancellationToken ct)
    {
        try
        {
            await mediator.Send(command, ct);
            return Redirect($"/learning/paths/edit/{Id}");
        }
        catch (FluentValidation.ValidationException ex)
        {
            ModelState.Clear();
            foreach (var error in ex.Errors)
            {
                ModelState.AddModelError(string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}", error.ErrorMessage);
            }

            Problem = texts["Common.FixErrors"].Value;
        }
        catch (Exception ex) when (LearningFormat.TryExplain(ex, texts, ModelState, out var problem))
        {
            Problem = problem;
            Conflict = LearningFormat.IsConflict(ex);
        }

        return await ReloadAsync(ct);
    }

    private async Task<IActionResult> ReloadAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        // The form keeps the user's input; the next save is based on what is stored now (the posted,
        // outdated version must not win over it when the hidden field is rendered from the model state).
        if (Path is not null)
        {
            Data.Version = Path.Version;
            ModelState.Remove("Data.Version");
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Tools = await mediator.Send(new GetToolCatalogueQuery(), ct);
        if (Id is not { } id)
        {
            return true;
        }

        try
        {
            Path = await mediator.Send(new GetPathQuery(id), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    public string ToolName(Guid? id) => Tools.FirstOrDefault(t => t.ToolId == id)?.Name ?? "";

    public sealed class PathForm
    {
        public string Title { get; set; } = "";

        public string? Description { get; set; }

        public bool AnyOrder { get; set; }

        public int? RecurrenceMonths { get; set; }

        public int Version { get; set; }
    }

    public sealed class StepForm
    {
        public string Title { get; set; } = "";

        public string? Description { get; set; }

        public StepKind Kind { get; set; } = StepKind.ELearning;

        public int EffortMinutes { get; set; } = 30;

        public string? Link { get; set; }

        public DateTime? ScheduledAt { get; set; }

        public string? Place { get; set; }

        public Guid? TargetToolId { get; set; }

        public int? TargetLevel { get; set; }

        public bool RequiresSignOff { get; set; }
    }
}
