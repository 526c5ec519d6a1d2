using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Features.Drafts;

/// <summary>A section as an editor sends it; a new section has no id yet.</summary>
public sealed record DraftSectionInput(Guid? Id, string? Title, string? Markdown, bool IsBinding);

/// <summary>Saves the whole draft, based on the revision the editor loaded (optimistic concurrency).</summary>
[RequiresSignIn]
public sealed record SaveDraftCommand(Guid UnitId, int BasedOnRevision, IReadOnlyList<DraftSectionInput> Sections) : ICommand<int>;

internal sealed class SaveDraftCommandValidator : AbstractValidator<SaveDraftCommand>
{
    public SaveDraftCommandValidator(IStringLocalizer<TeamCodexTexts> texts)
    {
        RuleFor(c => c.BasedOnRevision).GreaterThan(0);
        RuleFor(c => c.Sections).NotNull().NotEmpty().WithMessage(texts["Codex.NoSections"])
            .Must(s => s is null || s.Count <= CodexSections.MaxSections).WithMessage(texts["Validation.TooManySections", CodexSections.MaxSections]);
        RuleForEach(c => c.Sections).ChildRules(section =>
        {
            section.RuleFor(s => s.Title).NotEmpty().WithMessage(texts["Codex.SectionTitleRequired"])
                .MaximumLength(CodexSection.TitleMaxLength);
            section.RuleFor(s => s.Markdown).MaximumLength(CodexSection.MarkdownMaxLength);
        });
    }
}

internal sealed class SaveDraftCommandHandler(TeamCodexDbContext db, CodexAccess access, TimeProvider clock)
    : IRequestHandler<SaveDraftCommand, int>
{
    public async Task<int> Handle(SaveDraftCommand command, CancellationToken ct)
    {
        var permissions = await access.RequireEditAsync(command.UnitId, ct);
        var codex = await access.CodexOfUnitAsync(command.UnitId, ct);
        var sections = command.Sections.Select(s => new CodexSection(s.Id ?? Guid.NewGuid(), s.Title ?? "", s.Markdown ?? "", s.IsBinding));
        var revision = codex.SaveDraft(sections, command.BasedOnRevision, access.PersonId, permissions.CanLead, clock.GetUtcNow());
        db.DraftRevisions.Add(revision);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone saved between our read and our write: the version token (or the revision key) caught it.
            // The transaction is spoilt now, so the caller reads the current draft afresh.
            throw new DraftConflictException(codex.Id, codex.DraftRevision);
        }

        return revision.Number;
    }
}

public sealed record SaveDraftRequest(int BasedOnRevision, IReadOnlyList<DraftSectionInput>? Sections);

internal static class SaveDraftEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/codex/units/{unitId:guid}/draft", async (Guid unitId, SaveDraftRequest request, IMediator mediator, IStringLocalizer<TeamCodexTexts> texts, CancellationToken ct) =>
        {
            try
            {
                var revision = await mediator.Send(new SaveDraftCommand(unitId, request.BasedOnRevision, request.Sections ?? []), ct);
                return Results.Ok(new { revision });
            }
            catch (DraftConflictException)
            {
                // The client's text is not lost: it still has it, gets the current draft to compare with, and the
                // three-way merge of both (its changes onto the current draft), to save on the current revision once
                // it has decided every conflicting section.
                var merge = await mediator.Send(new MergeDraftQuery(unitId, request.BasedOnRevision, request.Sections ?? []), ct);
                return Results.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Conflict",
                    detail: texts["Draft.SaveConflict"],
                    extensions: new Dictionary<string, object?>
                    {
                        ["currentRevision"] = merge.CurrentRevision,
                        ["currentSections"] = merge.Theirs,
                        ["mergedSections"] = merge.Merge.Sections,
                        ["conflicts"] = merge.Merge.Conflicts,
                    });
            }
        })
            .WithName("saveDraft")
            .WithSummary("Save the whole draft against the revision the editor loaded");
}
