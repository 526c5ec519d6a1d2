using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Audit;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Audit;

/// <summary>
/// Skills' part of the one audit trail: its "AuditTrail" table and its own older audit (<see cref="AuditEntry"/>, with the
/// old and new value of every change to tools, roles, the matrix, assignments, levels and the privacy rules, imports,
/// exports, and reads of one person's levels or gaps by someone else).
/// </summary>
internal sealed class SkillsAuditTrail(SkillsDbContext db) : ModuleAuditTrail(db.AuditTrail, SkillsDbContext.Module)
{
    protected override async Task AddOtherStoresAsync(AuditTrailRequested request, CancellationToken cancellationToken)
    {
        // Level entries name the tool by id ("{person} · {tool}", see ConfirmLevel): the reader gets its name.
        var tools = await db.Tools.AsNoTracking().Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id.ToString(), t => t.Name, cancellationToken);
        await request.AddAsync(
            db.AuditEntries.AsNoTracking(), a => a.At, a => a.ActorPersonId, a => a.SubjectPersonId,
            a => new AuditTrailEntry(Module, a.At, Action(a), a.ActorPersonId, a.ActorName, a.SubjectPersonId, Subject(a, tools), Detail(a)),
            cancellationToken);
    }

    private static string? Subject(AuditEntry entry, Dictionary<string, string> tools) => entry.Area switch
    {
        AuditArea.IndividualViewed => null,
        AuditArea.Proficiency => tools.GetValueOrDefault(entry.Subject.Split(" · ")[^1]),
        _ => entry.Subject,
    };

    /// <summary>The trail's action key of an entry: "levels.viewed", "role.assigned", "matrix.changed", ...</summary>
    private static string Action(AuditEntry entry) => entry.Area switch
    {
        AuditArea.IndividualViewed => $"{entry.NewValue}.viewed",
        AuditArea.Assignment => entry.NewValue is null ? "role.unassigned" : "role.assigned",
        AuditArea.Proficiency => "level.confirmed",
        AuditArea.Import => "import.applied",
        AuditArea.Export => "export.downloaded",
        _ => $"{entry.Area.ToString().ToLowerInvariant()}.changed",
    };

    private static string? Detail(AuditEntry entry) => entry.Area switch
    {
        AuditArea.IndividualViewed or AuditArea.Assignment => null,
        _ when entry.OldValue is null => entry.NewValue,
        _ => $"{entry.OldValue} → {entry.NewValue ?? "–"}",
    };
}
