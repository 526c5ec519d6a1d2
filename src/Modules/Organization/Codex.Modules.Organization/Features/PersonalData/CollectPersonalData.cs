using Codex.Modules.Organization.Persistence;
using Codex.Shared.Privacy;
using Codex.Shared.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Organization.Features.PersonalData;

/// <summary>"Meine Daten": the person's record and their memberships in org units.</summary>
internal sealed class CollectPersonalDataHandler(OrganizationDbContext db, IStringLocalizer<OrganizationTexts> texts)
    : INotificationHandler<PersonalDataRequested>
{
    public async Task Handle(PersonalDataRequested notification, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == notification.PersonId, cancellationToken);
        if (person is null)
        {
            return;
        }

        var memberships = await (from m in db.Memberships.AsNoTracking()
                                 where m.PersonId == notification.PersonId
                                 join u in db.OrgUnits.AsNoTracking() on m.OrgUnitId equals u.Id
                                 select new { u.Name, m.IsLead, m.Since }).ToListAsync(cancellationToken);

        string T(string key) => texts[key].Value;
        string YesNo(bool value) => T(value ? "PersonalData.Yes" : "PersonalData.No");

        var profile = PersonalDataTable.Of("profile", T("PersonalData.Profile"), [T("PersonalData.Field"), T("PersonalData.Value")],
        [
            [T("PersonalData.FirstName"), person.FirstName],
            [T("PersonalData.LastName"), person.LastName],
            [T("PersonalData.Email"), person.Email],
            [T("PersonalData.StaffNumber"), person.StaffNumber ?? "–"],
            [T("PersonalData.Language"), person.PreferredLanguage],
            [T("PersonalData.Active"), YesNo(person.IsActive)],
            [T("PersonalData.CreatedAt"), person.CreatedAt.LocalDateTime()],
        ]);
        var units = PersonalDataTable.Of("memberships", T("PersonalData.Memberships"),
            [T("PersonalData.Unit"), T("PersonalData.Lead"), T("PersonalData.Since")],
            memberships.OrderBy(m => m.Name, StringComparer.CurrentCulture)
                .Select(m => (IReadOnlyList<string>)[m.Name, YesNo(m.IsLead), m.Since.LocalDate()]));
        notification.Add(new PersonalDataSection(OrganizationDbContext.Module, T("PersonalData.Title"), [profile, units]));
    }
}
