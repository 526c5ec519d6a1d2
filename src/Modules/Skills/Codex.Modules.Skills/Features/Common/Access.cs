using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Codex.Modules.Skills.Features.Common;

/// <summary>The privacy rules in force and who may see whose individual levels.</summary>
internal sealed class SkillsAccess(SkillsDbContext db, ICurrentUser user, IConfiguration configuration, IMediator mediator)
{
    public const int DefaultMinimumGroupSize = 5;

    private IReadOnlyList<Guid>? _ledUnits;

    /// <summary>The configured default (`Skills:MinimumGroupSize`) until an admin stores other rules.</summary>
    public int ConfiguredMinimumGroupSize =>
        Math.Clamp(configuration.GetValue("Skills:MinimumGroupSize", DefaultMinimumGroupSize), PrivacySettings.SmallestMinimum, PrivacySettings.LargestMinimum);

    public async Task<PrivacyRules> RulesAsync(CancellationToken cancellationToken)
    {
        var stored = await db.PrivacySettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return stored is null
            ? new PrivacyRules(ConfiguredMinimumGroupSize, false)
            : new PrivacyRules(stored.MinimumGroupSize, stored.IndividualProficiencyVisibleToLeads);
    }

    /// <summary>
    /// A person always sees their own levels; HR, and the leads of the person's units, only when the
    /// organisation switched that on. Calls without a user are the system's own (background jobs, other modules' listeners).
    /// </summary>
    public async Task<bool> MaySeeIndividualAsync(Guid personId, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated || user.PersonId == personId)
        {
            return true;
        }

        if (!(await RulesAsync(cancellationToken)).IndividualProficiencyVisibleToLeads)
        {
            return false;
        }

        if (user.IsInRole(CodexRoles.HR))
        {
            return true;
        }

        return user.PersonId is { } lead && await LeadsAsync(lead, personId, cancellationToken);
    }

    public async Task EnsureMaySeeIndividualAsync(Guid personId, CancellationToken cancellationToken)
    {
        if (!await MaySeeIndividualAsync(personId, cancellationToken))
        {
            throw new ForbiddenException();
        }
    }

    /// <summary>
    /// Whether <paramref name="leadId"/> leads a unit <paramref name="personId"/> belongs to, or a unit above it:
    /// asked of Organization (the membership lead flag), not of this module's copy, so it holds from the next request on.
    /// </summary>
    public Task<bool> LeadsAsync(Guid leadId, Guid personId, CancellationToken cancellationToken) =>
        mediator.Send(new LeadsPersonQuery(leadId, personId), cancellationToken);

    /// <summary>The units the signed-in person leads and every unit below them (empty for non-leads and system calls).</summary>
    public async Task<IReadOnlyList<Guid>> LedUnitsAsync(CancellationToken cancellationToken) =>
        _ledUnits ??= user.PersonId is { } me ? await mediator.Send(new GetLedUnitsQuery(me), cancellationToken) : [];

    /// <summary>HR and admins see every unit's aggregates; a lead those of the units they lead.</summary>
    public async Task EnsureHrOrLeadAsync(CancellationToken cancellationToken)
    {
        if (!user.IsInRole(CodexRoles.Admin) && !user.IsInRole(CodexRoles.HR) && (await LedUnitsAsync(cancellationToken)).Count == 0)
        {
            throw new ForbiddenException();
        }
    }

    /// <summary>The audit subject of entries about one person's individual levels: their id.</summary>
    public static string ViewSubject(Guid personId) => personId.ToString("D");

    /// <summary>
    /// After <see cref="EnsureMaySeeIndividualAsync"/>: when someone other than the person (a lead, HR) read their individual
    /// levels, records who, when and what (<paramref name="what"/>: "levels" or "gaps"), so the person sees it under "Meine Daten".
    /// System calls and the person's own reads leave no entry.
    /// </summary>
    public async Task RecordIndividualViewAsync(Guid personId, string what, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated || user.PersonId == personId)
        {
            return;
        }

        db.AuditEntries.Add(Audit(now, AuditArea.IndividualViewed, ViewSubject(personId), null, what, personId));
        await db.SaveChangesAsync(cancellationToken);
    }

    public AuditEntry Audit(DateTimeOffset now, AuditArea area, string subject, string? oldValue, string? newValue, Guid? subjectPersonId = null) =>
        new(Guid.NewGuid(), now, user.PersonId, user.Name ?? "system", area, subject, oldValue, newValue, subjectPersonId);
}
