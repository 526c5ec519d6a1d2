using Codex.Modules.Organization.Contracts;
using Codex.Modules.Organization.Domain;
using Codex.Modules.Organization.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Organization.Features.Demo;

/// <summary>
/// A believable, fictitious welfare association: three departments, six teams, about forty people.
/// Email addresses use the reserved ".example" domain so no real mailbox is ever addressed.
/// </summary>
internal sealed class SeedDemoOrganizationCommandHandler(OrganizationDbContext db, TimeProvider clock)
    : IRequestHandler<SeedDemoOrganizationCommand, DemoOrganizationSeeded?>
{
    private const string Domain = "sozialwerk-rheinaue.example";

    private static readonly (string Department, (string Team, string[] People)[] Teams)[] Structure =
    [
        ("Ambulante Pflege",
        [
            ("Pflegeteam Nord", ["Sabine Krüger", "Mehmet Yılmaz", "Anna Schmidt", "Jonas Becker", "Olga Petrenko", "Lea Hoffmann", "Thomas Wagner"]),
            ("Pflegeteam Süd", ["Katrin Fischer", "Lukas Weber", "Fatma Demir", "Marie Schulz", "Peter Neumann", "Jana Richter"]),
        ]),
        ("Kinder- und Jugendhilfe",
        [
            ("Wohngruppe Lindenhof", ["Miriam Klein", "David Wolf", "Sophie Braun", "Ali Hassan", "Laura Zimmermann", "Tobias Krause"]),
            ("Jugendtreff Mitte", ["Nina Hartmann", "Kevin Lange", "Elif Aydın", "Felix Schmitt", "Hannah Werner"]),
        ]),
        ("Beratungsdienste",
        [
            ("Schuldnerberatung", ["Andrea Lehmann", "Markus Schwarz", "Irina Popescu", "Stefan Köhler", "Julia Maier"]),
            ("Erziehungs- und Familienberatung", ["Claudia Vogel", "Daniel Frank", "Sarah Albrecht", "Martin Jung", "Leonie Roth", "Yusuf Çelik"]),
        ]),
    ];

    // People at organisation level: management and the administration (HR sits here).
    private static readonly string[] Management = ["Ulrike Brandt", "Heike Sommer", "Bernd Engel", "Sandra Fuchs"];

    public async Task<DemoOrganizationSeeded?> Handle(SeedDemoOrganizationCommand request, CancellationToken cancellationToken)
    {
        if (await db.OrgUnits.AnyAsync(cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var organisation = OrgUnit.Create(Guid.NewGuid(), "Sozialwerk Rheinaue e.V.", OrgUnitKind.Organisation, null, now);
        db.OrgUnits.Add(organisation);
        var people = new Dictionary<string, Person>();

        foreach (var name in Management)
        {
            db.Memberships.Add(Membership.Join(organisation.Id, AddPerson(name).Id, isLead: name == Management[0], current: null, now));
        }

        foreach (var (departmentName, teams) in Structure)
        {
            var department = OrgUnit.Create(Guid.NewGuid(), departmentName, OrgUnitKind.Department, organisation, now);
            db.OrgUnits.Add(department);
            foreach (var (teamName, members) in teams)
            {
                var team = OrgUnit.Create(Guid.NewGuid(), teamName, OrgUnitKind.Team, department, now);
                db.OrgUnits.Add(team);
                foreach (var name in members)
                {
                    // The first person named in each team leads it.
                    db.Memberships.Add(Membership.Join(team.Id, AddPerson(name).Id, isLead: name == members[0], current: null, now));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new DemoOrganizationSeeded(
            organisation.Id,
            Admin: Demo(people["Bernd Engel"]),
            HumanResources: Demo(people["Heike Sommer"]),
            TeamLead: Demo(people["Sabine Krüger"]),
            Member: Demo(people["Mehmet Yılmaz"]));

        Person AddPerson(string name)
        {
            var (first, last) = (name[..name.LastIndexOf(' ')], name[(name.LastIndexOf(' ') + 1)..]);
            var person = Person.Create(Guid.NewGuid(), first, last, $"{Ascii(first)}.{Ascii(last)}@{Domain}", "de", now);
            db.People.Add(person);
            people[name] = person;
            return person;
        }
    }

    private static DemoPerson Demo(Person person) => new(person.Id, person.DisplayName, person.Email);

    private static string Ascii(string name) => name.ToLowerInvariant()
        .Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal).Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal)
        .Replace("ı", "i", StringComparison.Ordinal).Replace("ç", "c", StringComparison.Ordinal).Replace("ğ", "g", StringComparison.Ordinal).Replace("ş", "s", StringComparison.Ordinal)
        .Replace(" ", "-", StringComparison.Ordinal);
}
