using Codex.Modules.Learning.Contracts;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Persistence;
using Codex.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Codex.Modules.Learning.Features.Enrolments;

/// <summary>
/// Enrols and archives. Whole roles are enrolled with one INSERT … SELECT over the role-holder
/// projection (10,000 holders are one statement, not 10,000 round trips); single people through EF.
/// </summary>
internal sealed class Enroller(LearningDbContext db, DatabaseOptions database)
{
    private static readonly DateTimeOffsetToBinaryConverter SqliteDates = new();

    /// <summary>Enrols every holder of the role in the path who has no enrolment in it yet; brings archived ones back.</summary>
    public async Task<int> EnrolRoleHoldersAsync(Guid pathId, Guid roleId, DateTimeOffset now, DateTimeOffset dueOn, CancellationToken ct)
    {
        var holders = db.RoleHolders.Where(h => h.RoleId == roleId).Select(h => h.PersonId);
        var reactivated = await db.Enrolments
            .Where(e => e.PathId == pathId && e.State == EnrolmentState.Archived && holders.Contains(e.PersonId))
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.State, e => e.CompletedAt == null ? EnrolmentState.Active : EnrolmentState.Completed)
                .SetProperty(e => e.ArchivedAt, (DateTimeOffset?)null), ct);

        var e = Table<Enrolment>();
        var h = Table<RoleHolder>();
        var sql = $$"""
            INSERT INTO {{e}} ({{C("Id")}}, {{C("PersonId")}}, {{C("PathId")}}, {{C("Cycle")}}, {{C("State")}}, {{C("EnrolledAt")}}, {{C("DueOn")}}, {{C("Version")}})
            SELECT {{NewId()}}, h.{{C("PersonId")}}, {0}, 1, 'Active', {1}, {2}, 1
            FROM {{h}} h
            WHERE h.{{C("RoleId")}} = {3}
              AND NOT EXISTS (SELECT 1 FROM {{e}} x WHERE x.{{C("PersonId")}} = h.{{C("PersonId")}} AND x.{{C("PathId")}} = {0})
            """;
        var inserted = await db.Database.ExecuteSqlRawAsync(sql, [pathId, Date(now), Date(dueOn), roleId], ct);
        return inserted + reactivated;
    }

    /// <summary>
    /// Starts the next cycle of recurring paths whose completion expires within <paramref name="lead"/>;
    /// the new cycle is due when the old one expires. Idempotent: the next cycle is inserted only once.
    /// </summary>
    public async Task<int> RenewExpiringAsync(DateTimeOffset now, TimeSpan lead, CancellationToken ct)
    {
        var e = Table<Enrolment>();
        var sql = $$"""
            INSERT INTO {{e}} ({{C("Id")}}, {{C("PersonId")}}, {{C("PathId")}}, {{C("Cycle")}}, {{C("State")}}, {{C("EnrolledAt")}}, {{C("DueOn")}}, {{C("Version")}})
            SELECT {{NewId()}}, o.{{C("PersonId")}}, o.{{C("PathId")}}, o.{{C("Cycle")}} + 1, 'Active', {0}, o.{{C("ExpiresAt")}}, 1
            FROM {{e}} o
            WHERE o.{{C("State")}} = 'Completed' AND o.{{C("ExpiresAt")}} IS NOT NULL AND o.{{C("ExpiresAt")}} <= {1}
              AND NOT EXISTS (SELECT 1 FROM {{e}} x WHERE x.{{C("PersonId")}} = o.{{C("PersonId")}} AND x.{{C("PathId")}} = o.{{C("PathId")}} AND x.{{C("Cycle")}} > o.{{C("Cycle")}})
            """;
        return await db.Database.ExecuteSqlRawAsync(sql, [Date(now), Date(now + lead)], ct);
    }

    /// <summary>Enrols one person who just took a role in every path assigned to it (or brings the archived enrolment back).</summary>
    public async Task EnrolPersonAsync(Guid personId, Guid roleId, DateTimeOffset now, CancellationToken ct)
    {
        var assignments = await db.Assignments.Where(a => a.RoleId == roleId).ToListAsync(ct);
        var pathIds = assignments.Select(a => a.PathId).ToList();
        var existing = await db.Enrolments.Where(x => x.PersonId == personId && pathIds.Contains(x.PathId)).ToListAsync(ct);
        foreach (var assignment in assignments)
        {
            var latest = existing.Where(x => x.PathId == assignment.PathId).MaxBy(x => x.Cycle);
            if (latest is null)
            {
                db.Enrolments.Add(Enrolment.Start(personId, assignment.PathId, 1, now, now.AddDays(assignment.DueOffsetDays)));
            }
            else
            {
                latest.Reactivate();
            }
        }
    }

    /// <summary>Archives the person's enrolments in paths none of their remaining roles brings (progress stays).</summary>
    /// <param name="lostRoleId">The role being taken away (its projection row is deleted in the same save).</param>
    public async Task ArchiveUnbackedAsync(Guid personId, Guid? lostRoleId, DateTimeOffset now, CancellationToken ct)
    {
        var heldRoles = db.RoleHolders.Where(h => h.PersonId == personId && h.RoleId != lostRoleId).Select(h => h.RoleId);
        var backedPaths = db.Assignments.Where(a => heldRoles.Contains(a.RoleId)).Select(a => a.PathId);
        var orphaned = await db.Enrolments
            .Where(x => x.PersonId == personId && x.State != EnrolmentState.Archived && !backedPaths.Contains(x.PathId))
            .ToListAsync(ct);
        foreach (var enrolment in orphaned)
        {
            enrolment.Archive(now);
        }
    }

    /// <summary>
    /// Archives, set-based, the enrolments in a path of everyone no remaining assignment of it covers;
    /// the active ones among them end (<see cref="EnrolmentEndedIntegrationEvent"/>, so their reminders are cancelled).
    /// </summary>
    public async Task<int> ArchiveUnbackedForPathAsync(Guid pathId, DateTimeOffset now, CancellationToken ct)
    {
        var roles = db.Assignments.Where(a => a.PathId == pathId).Select(a => a.RoleId);
        var backed = db.RoleHolders.Where(h => roles.Contains(h.RoleId)).Select(h => h.PersonId);
        var unbacked = db.Enrolments.Where(x => x.PathId == pathId && x.State != EnrolmentState.Archived && !backed.Contains(x.PersonId));
        var ending = await unbacked.Where(x => x.State == EnrolmentState.Active).Select(x => new { x.Id, x.PersonId }).ToListAsync(ct);
        var archived = await unbacked.ExecuteUpdateAsync(s => s.SetProperty(x => x.State, EnrolmentState.Archived).SetProperty(x => x.ArchivedAt, now), ct);
        if (ending.Count > 0)
        {
            db.OutboxMessages.AddRange(ending.Select(e => OutboxMessage.From(new EnrolmentEndedIntegrationEvent(Guid.NewGuid(), now, e.Id, e.PersonId), now)));
            await db.SaveChangesAsync(ct);
        }

        return archived;
    }

    private object Date(DateTimeOffset value) =>
        database.Provider == DatabaseProvider.Sqlite ? SqliteDates.ConvertToProvider(value)! : value.ToUniversalTime();

    /// <summary>A new GUID per row in SQL, in the format the provider stores GUIDs in (SQLite: upper-case text).</summary>
    private string NewId() => database.Provider switch
    {
        DatabaseProvider.PostgreSql => "gen_random_uuid()",
        DatabaseProvider.SqlServer => "NEWID()",
        _ => "hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))",
    };

    private string Table<T>()
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        return db.GetService<ISqlGenerationHelper>().DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
    }

    private string C(string column) => db.GetService<ISqlGenerationHelper>().DelimitIdentifier(column);
}
