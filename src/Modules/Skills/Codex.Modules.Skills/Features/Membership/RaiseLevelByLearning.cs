using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Outbox;
using Codex.Shared.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Membership;

/// <summary>
/// Completed learning raises the person's level with the step's tool (never lowers it). The effect and
/// the inbox row (event id + handler) are saved together, so a redelivered event is a no-op, as in
/// <see cref="InboxListener{TEvent}"/>.
/// </summary>
internal sealed class RaiseLevelByLearningCommandHandler(SkillsDbContext db, TimeProvider clock) : IRequestHandler<RaiseLevelByLearningCommand, bool>
{
    /// <summary>
    /// The inbox key of the events handled so far: the name of the listener that handled them inside
    /// Skills before Learning sent this command, so an event already applied then stays applied once.
    /// </summary>
    internal const string InboxHandler = "Codex.Modules.Skills.Features.Membership.LearningStepCompletedListener";

    public async Task<bool> Handle(RaiseLevelByLearningCommand e, CancellationToken cancellationToken)
    {
        if (await db.InboxMessages.AnyAsync(m => m.MessageId == e.EventId && m.Handler == InboxHandler, cancellationToken))
        {
            return false;
        }

        var raised = await ApplyAsync(e, cancellationToken);
        db.InboxMessages.Add(new InboxMessage(e.EventId, InboxHandler, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return raised;
    }

    private async Task<bool> ApplyAsync(RaiseLevelByLearningCommand e, CancellationToken cancellationToken)
    {
        if (!ProficiencyScale.IsValid(e.Level) || !await db.Tools.AnyAsync(t => t.Id == e.ToolId, cancellationToken))
        {
            // A step about a tool deleted since, or a level off the scale: nothing to raise.
            return false;
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
            return true;
        }

        return false;
    }
}
