using Codex.Modules.Learning.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Membership;

/// <summary>Completed learning raises the person's level with the step's tool (never lowers it).</summary>
internal sealed class LearningStepCompletedListener(SkillsDbContext db, TimeProvider clock)
    : InboxListener<LearningStepCompletedIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(LearningStepCompletedIntegrationEvent e, CancellationToken cancellationToken)
    {
        if (!ProficiencyScale.IsValid(e.Level) || !await db.Tools.AnyAsync(t => t.Id == e.ToolId, cancellationToken))
        {
            // A step about a tool deleted since, or a level off the scale: nothing to raise.
            return;
        }

        var proficiency = await db.Proficiencies.FirstOrDefaultAsync(p => p.PersonId == e.PersonId && p.ToolId == e.ToolId, cancellationToken);
        if (proficiency is null)
        {
            proficiency = Proficiency.Start(e.PersonId, e.ToolId);
            db.Proficiencies.Add(proficiency);
        }

        if (proficiency.RaiseByLearning(e.Level, e.OccurredAt) is { } change)
        {
            db.ProficiencyChanges.Add(change);
        }
    }
}
