using System.Diagnostics;
using System.Globalization;
using Codex.Shared.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Codex.Benchmarks;

/// <summary>One department of a generated organisation and how many people are in its subtree.</summary>
internal sealed record GeneratedDepartment(Guid Id, string Name, int Teams, int People);

/// <summary>One generated membership (every person has exactly one).</summary>
internal sealed record GeneratedMember(Guid UnitId, Guid PersonId, bool IsLead);

/// <summary>What <see cref="OrganisationGenerator"/> inserted, and how long it took (build + insert + ANALYZE).</summary>
/// <param name="Members">The memberships, for generators of other modules' data about the same people.</param>
internal sealed record GeneratedOrganisation(
    Guid OrganisationId, string Name, int People, int Units, IReadOnlyList<GeneratedDepartment> Departments, TimeSpan Elapsed,
    IReadOnlyList<GeneratedMember> Members);

/// <summary>
/// Inserts a synthetic organisation of a given size straight into the Organization module's tables,
/// bypassing the domain, MediatR and EF (one transaction; prepared statements on SQLite, binary
/// COPY on PostgreSQL), so 50,000 people take seconds, not minutes.
/// </summary>
/// <remarks>
/// Shape: one organisation (one lead), five departments (one head each, a lead member of the
/// department itself), teams of 10–15 people spread round-robin over the departments, the first
/// person of each team its lead. Every person has exactly one membership. Names are common German
/// first and last names combined from small lists, so names repeat as in real life; e-mail
/// addresses are unique (a number is appended on a repeat) and use the reserved ".example" domain.
/// <para>
/// Run it against a database the host has already migrated (and seeded: the demo organisation
/// and its accounts stay untouched beside the generated one). It writes rows only: no domain events,
/// no outbox messages, so other modules (e.g. TeamCodex's membership projection) don't learn of
/// the generated people. Names and team sizes are deterministic for a given seed; ids are random.
/// </para>
/// </remarks>
internal sealed class OrganisationGenerator(DatabaseProvider provider, string connectionString, OrganizationTables tables)
{
    public const string EmailDomain = "verbund-rheinland.example";

    private const int MinimumPeople = 100;

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    private static readonly (string Name, string TeamPrefix)[] DepartmentNames =
    [
        ("Ambulante Pflege", "Pflegeteam"),
        ("Stationäre Pflege", "Wohnbereich"),
        ("Kinder- und Jugendhilfe", "Wohngruppe"),
        ("Eingliederungshilfe", "Assistenzteam"),
        ("Beratungsdienste", "Beratungsstelle"),
    ];

    private static readonly string[] FirstNames =
    [
        "Anna", "Lena", "Julia", "Sarah", "Laura", "Katharina", "Sabine", "Andrea", "Claudia", "Petra",
        "Monika", "Ursula", "Marie", "Sophie", "Hannah", "Lea", "Miriam", "Nina", "Jana", "Elif",
        "Thomas", "Michael", "Andreas", "Stefan", "Christian", "Markus", "Daniel", "Tobias", "Jonas", "Lukas",
        "Felix", "Maximilian", "Peter", "Klaus", "Jürgen", "Matthias", "Sebastian", "Mehmet", "David", "Jan",
    ];

    private static readonly string[] LastNames =
    [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
        "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
        "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
        "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Yılmaz",
    ];

    /// <summary>Generates and inserts an organisation of exactly <paramref name="people"/> people.</summary>
    public async Task<GeneratedOrganisation> GenerateAsync(int people, int seed = 20261123, CancellationToken cancellationToken = default)
    {
        if (people < MinimumPeople)
        {
            throw new ArgumentOutOfRangeException(nameof(people), people, $"At least {MinimumPeople} people.");
        }

        var started = Stopwatch.GetTimestamp();
        var plan = Plan(people, new Random(seed), DateTimeOffset.UtcNow);
        if (provider == DatabaseProvider.Sqlite)
        {
            await InsertSqliteAsync(plan, cancellationToken);
        }
        else if (provider == DatabaseProvider.PostgreSql)
        {
            await InsertPostgreSqlAsync(plan, cancellationToken);
        }
        else
        {
            throw new NotSupportedException($"The generator does not support {provider} yet.");
        }

        return new GeneratedOrganisation(
            plan.Units[0].Id, plan.Units[0].Name, plan.People.Count, plan.Units.Count, plan.Departments, Stopwatch.GetElapsedTime(started),
            plan.Memberships.Select(m => new GeneratedMember(m.OrgUnitId, m.PersonId, m.IsLead)).ToList());
    }

    private sealed record UnitRow(Guid Id, string Name, string Kind, Guid? ParentId);

    private sealed record PersonRow(Guid Id, string FirstName, string LastName, string Email);

    private sealed record MembershipRow(Guid OrgUnitId, Guid PersonId, bool IsLead);

    private sealed record Rows(
        List<UnitRow> Units, List<PersonRow> People, List<MembershipRow> Memberships, List<GeneratedDepartment> Departments, DateTimeOffset Now);

    private static Rows Plan(int peopleCount, Random random, DateTimeOffset now)
    {
        var units = new List<UnitRow>();
        var people = new List<PersonRow>(peopleCount);
        var memberships = new List<MembershipRow>(peopleCount);
        var emails = new Dictionary<string, int>();

        var organisation = new UnitRow(Guid.NewGuid(), string.Create(German, $"Verbund Rheinland e.V. ({peopleCount:N0} Personen)"), "Organisation", null);
        units.Add(organisation);
        AddMember(organisation, isLead: true);

        var departments = DepartmentNames
            .Select(d => (Unit: new UnitRow(Guid.NewGuid(), d.Name, "Department", organisation.Id), d.TeamPrefix, Teams: 0, People: 0))
            .ToArray();
        for (var d = 0; d < departments.Length; d++)
        {
            units.Add(departments[d].Unit);
            AddMember(departments[d].Unit, isLead: true); // the head of the department
            departments[d].People++;
        }

        // The rest in teams of 10–15 (the last one takes what is left), dealt out round-robin.
        for (var team = 0; people.Count < peopleCount; team++)
        {
            ref var department = ref departments[team % departments.Length];
            department.Teams++;
            var unit = new UnitRow(Guid.NewGuid(), $"{department.TeamPrefix} {department.Teams:000}", "Team", department.Unit.Id);
            units.Add(unit);
            var size = Math.Min(random.Next(10, 16), peopleCount - people.Count);
            for (var i = 0; i < size; i++)
            {
                AddMember(unit, isLead: i == 0);
            }

            department.People += size;
        }

        var generated = departments.Select(d => new GeneratedDepartment(d.Unit.Id, d.Unit.Name, d.Teams, d.People)).ToList();
        return new Rows(units, people, memberships, generated, now);

        void AddMember(UnitRow unit, bool isLead)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var local = $"{Ascii(first)}.{Ascii(last)}";
            var seen = emails.GetValueOrDefault(local) + 1;
            emails[local] = seen;
            var email = seen == 1 ? $"{local}@{EmailDomain}" : $"{local}{seen}@{EmailDomain}";
            var person = new PersonRow(Guid.NewGuid(), first, last, email);
            people.Add(person);
            memberships.Add(new MembershipRow(unit.Id, person.Id, isLead));
        }
    }

    private static string Ascii(string name) => name.ToLowerInvariant()
        .Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal).Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal).Replace("ı", "i", StringComparison.Ordinal);

    // --- SQLite: one transaction, one prepared INSERT per table, parameters rebound per row. --------
    // Values as EF Core's SQLite provider stores them: Guid as upper-case TEXT, DateTimeOffset as
    // the INTEGER of DateTimeOffsetToBinaryConverter (ModuleDbContext's convention), bool as 0/1.

    private async Task InsertSqliteAsync(Rows rows, CancellationToken cancellationToken)
    {
        var now = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(rows.Now)!;
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        await InsertAllAsync(
            $"""INSERT INTO {tables.OrgUnits} ("Id", "Name", "Kind", "ParentId", "CreatedAt", "Version") VALUES (@p1, @p2, @p3, @p4, @p5, 1)""",
            rows.Units, u => [SqliteId(u.Id), u.Name, u.Kind, u.ParentId is { } parent ? SqliteId(parent) : DBNull.Value, now]);
        await InsertAllAsync(
            $"""
            INSERT INTO {tables.People} ("Id", "FirstName", "LastName", "Email", "NormalizedEmail", "PreferredLanguage", "IsActive", "CreatedAt", "Version")
            VALUES (@p1, @p2, @p3, @p4, @p5, 'de', 1, @p6, 1)
            """,
            rows.People, p => [SqliteId(p.Id), p.FirstName, p.LastName, p.Email, p.Email.ToLowerInvariant(), now]);
        await InsertAllAsync(
            $"""INSERT INTO {tables.Memberships} ("OrgUnitId", "PersonId", "IsLead", "Since") VALUES (@p1, @p2, @p3, @p4)""",
            rows.Memberships, m => [SqliteId(m.OrgUnitId), SqliteId(m.PersonId), m.IsLead, now]);

        await transaction.CommitAsync(cancellationToken);

        async Task InsertAllAsync<T>(string sql, List<T> items, Func<T, object[]> values)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            var parameters = values(items[0]).Select((_, i) => command.Parameters.Add(new SqliteParameter("@p" + (i + 1), null))).ToArray();
            command.Prepare();
            foreach (var item in items)
            {
                var row = values(item);
                for (var i = 0; i < row.Length; i++)
                {
                    parameters[i].Value = row[i];
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    internal static string SqliteId(Guid id) => id.ToString().ToUpperInvariant();

    // --- PostgreSQL: binary COPY per table in one transaction, then ANALYZE. ----------------------

    private async Task InsertPostgreSqlAsync(Rows rows, CancellationToken cancellationToken)
    {
        var now = rows.Now.UtcDateTime;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var copy = await connection.BeginBinaryImportAsync(
                $"""COPY {tables.OrgUnits} ("Id", "Name", "Kind", "ParentId", "CreatedAt", "Version") FROM STDIN (FORMAT BINARY)""", cancellationToken))
            {
                foreach (var unit in rows.Units)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(unit.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(unit.Name, NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(unit.Kind, NpgsqlDbType.Varchar, cancellationToken);
                    if (unit.ParentId is { } parent)
                    {
                        await copy.WriteAsync(parent, NpgsqlDbType.Uuid, cancellationToken);
                    }
                    else
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }

                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await using (var copy = await connection.BeginBinaryImportAsync(
                $"""
                COPY {tables.People} ("Id", "FirstName", "LastName", "Email", "NormalizedEmail", "PreferredLanguage", "IsActive", "CreatedAt", "Version")
                FROM STDIN (FORMAT BINARY)
                """, cancellationToken))
            {
                foreach (var person in rows.People)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(person.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(person.FirstName, NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(person.LastName, NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(person.Email, NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(person.Email.ToLowerInvariant(), NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync("de", NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await using (var copy = await connection.BeginBinaryImportAsync(
                $"""COPY {tables.Memberships} ("OrgUnitId", "PersonId", "IsLead", "Since") FROM STDIN (FORMAT BINARY)""", cancellationToken))
            {
                foreach (var membership in rows.Memberships)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(membership.OrgUnitId, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(membership.PersonId, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(membership.IsLead, NpgsqlDbType.Boolean, cancellationToken);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // Autovacuum would analyze the tables some time after a bulk load; do it now, so the planner
        // sees the real row counts and every run measures the same plans. (SQLite is left alone:
        // the app never runs ANALYZE there, so its planner works without statistics in real life too.)
        await using var analyze = new NpgsqlCommand($"ANALYZE {tables.OrgUnits}; ANALYZE {tables.People}; ANALYZE {tables.Memberships};", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }
}
