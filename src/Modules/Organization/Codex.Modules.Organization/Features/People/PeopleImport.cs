using Codex.Shared.Security;
using Codex.Shared.Audit;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.Organization.Domain;
using Codex.Modules.Organization.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Organization.Features.People;

internal sealed class FindPeopleForImportQueryHandler(OrganizationDbContext db)
    : IRequestHandler<FindPeopleForImportQuery, IReadOnlyList<ImportCandidate>>
{
    public async Task<IReadOnlyList<ImportCandidate>> Handle(FindPeopleForImportQuery query, CancellationToken cancellationToken)
    {
        var numbers = query.StaffNumbers.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct().ToList();
        var emails = query.Emails.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Distinct().ToList();
        var people = await db.People.AsNoTracking()
            .Where(p => (p.StaffNumber != null && numbers.Contains(p.StaffNumber)) || emails.Contains(p.NormalizedEmail))
            .Select(p => new { p.Id, p.StaffNumber, p.FirstName, p.LastName, p.Email, p.PreferredLanguage, p.IsActive })
            .ToListAsync(cancellationToken);
        var ids = people.Select(p => p.Id).ToList();
        var memberships = (await db.Memberships.AsNoTracking()
                .Where(m => ids.Contains(m.PersonId))
                .Select(m => new UnitMembership(m.OrgUnitId, m.PersonId, m.IsLead))
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.PersonId);
        return people
            .Select(p => new ImportCandidate(p.Id, p.StaffNumber, p.FirstName, p.LastName, p.Email, p.PreferredLanguage, p.IsActive, [.. memberships[p.Id]]))
            .ToList();
    }
}

internal sealed class ApplyPeopleImportCommandHandler(OrganizationDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ApplyPeopleImportCommand, PeopleImportApplied>
{
    /// <summary>The subject of the entries an import writes (the file's own name stays with the Host, which received it).</summary>
    private const string Imported = "import";

    public async Task<PeopleImportApplied> Handle(ApplyPeopleImportCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var existingIds = command.People.Where(p => !p.IsNew).Select(p => p.PersonId).ToList();
        var people = await db.People.Where(p => existingIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

        // The memberships of every placed person, tracked, and the units the file places people in: two
        // queries for the whole file. Only the memberships that change are written, never a unit, so
        // imports running side by side into the same teams do not conflict.
        var placedIds = command.People.Where(p => p.UnitId is not null && !p.Left).Select(p => p.PersonId).ToList();
        var membershipsOf = (await db.Memberships.Where(m => placedIds.Contains(m.PersonId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.PersonId);
        var targetIds = command.People.Where(p => p.UnitId is not null).Select(p => p.UnitId!.Value).Distinct().ToList();
        var existingUnits = (await db.OrgUnits.Where(u => targetIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();

        int created = 0, updated = 0, moved = 0, left = 0;
        foreach (var row in command.People)
        {
            Person person;
            if (row.IsNew)
            {
                person = Person.Create(row.PersonId, row.FirstName, row.LastName, row.Email, row.PreferredLanguage, now);
                person.SetStaffNumber(row.StaffNumber);
                db.People.Add(person);
                db.AuditTrail.Add(AuditRecord.Of(now, user, "person.created", person.Id, Imported));
                created++;
            }
            else
            {
                person = people.GetValueOrDefault(row.PersonId) ?? throw new NotFoundException(nameof(Person), row.PersonId);
                if (row.Left)
                {
                    if (person.IsActive)
                    {
                        person.Deactivate(now);
                        db.AuditTrail.Add(AuditRecord.Of(now, user, "person.left", person.Id, Imported));
                        left++;
                    }

                    continue;
                }

                if (person.FirstName != row.FirstName.Trim() || person.LastName != row.LastName.Trim() || person.Email != row.Email.Trim()
                    || person.PreferredLanguage != row.PreferredLanguage || (row.StaffNumber is not null && person.StaffNumber != row.StaffNumber.Trim()))
                {
                    person.ChangeDetails(row.FirstName, row.LastName, row.Email, row.PreferredLanguage);
                    if (row.StaffNumber is not null)
                    {
                        person.SetStaffNumber(row.StaffNumber);
                    }

                    db.AuditTrail.Add(AuditRecord.Of(now, user, "person.updated", person.Id, Imported));
                    updated++;
                }
            }

            if (row.UnitId is not { } target)
            {
                continue;
            }

            if (!existingUnits.Contains(target))
            {
                throw new NotFoundException(nameof(OrgUnit), target);
            }

            var current = row.IsNew ? [] : membershipsOf[row.PersonId].ToList();
            var others = current.Where(m => m.OrgUnitId != target).ToList();
            foreach (var other in others)
            {
                other.Leave(now);
                db.Memberships.Remove(other);
            }

            var inTarget = current.FirstOrDefault(m => m.OrgUnitId == target);
            if (inTarget is not null)
            {
                inTarget.SetLead(row.IsLead, now);
            }
            else
            {
                db.Memberships.Add(Membership.Join(target, row.PersonId, row.IsLead, current: null, now));
            }

            if (!row.IsNew && (others.Count > 0 || inTarget is null))
            {
                db.AuditTrail.Add(AuditRecord.Of(now, user, "membership.added", person.Id, Imported));
                moved++;
            }
        }

        db.AuditTrail.Add(AuditRecord.Of(now, user, "people.imported", subjectPersonId: null, Imported,
            FormattableString.Invariant($"created={created} updated={updated} moved={moved} left={left}")));

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueKeyViolation.IsCausedBy(ex))
        {
            // Someone took an email address or staff number of the file since it was checked.
            throw new ConcurrencyConflictException("ApplyPeopleImportCommand: a concurrent request saved the same key first.", ex);
        }

        return new PeopleImportApplied(created, updated, moved, left, [.. command.People.Where(p => p.IsNew).Select(p => p.PersonId)]);
    }
}
