using System.Diagnostics;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Codex.Benchmarks;

/// <summary>The Skills module's tables as the running host maps them (see <see cref="OrganizationTables"/>).</summary>
internal sealed record SkillsTables(
    string Tools, string Roles, string Matrices, string Requirements, string PersonRoles, string RoleAssignments, string Proficiencies, string UnitMembers,
    string UnitCoverage)
{
    public static SkillsTables From(IServiceProvider hostServices)
    {
        using var scope = hostServices.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SkillsDbContext>();
        var sql = db.GetService<ISqlGenerationHelper>();
        return new SkillsTables(
            Name(typeof(Tool)), Name(typeof(Role)), Name(typeof(RequirementMatrix)), Name(typeof(Requirement)),
            Name(typeof(PersonRoles)), Name(typeof(RoleAssignment)), Name(typeof(Proficiency)), Name(typeof(UnitMember)),
            Name(typeof(Codex.Modules.Skills.Features.Gaps.UnitCoverage)));

        string Name(Type entity)
        {
            var type = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not mapped.");
            return sql.DelimitIdentifier(type.GetTableName()!, type.GetSchema());
        }
    }
}

/// <summary>What <see cref="SkillsGenerator"/> inserted.</summary>
/// <param name="RequiredPairs">Distinct (person, tool) pairs some role of the person requires: the heatmap's holders, summed.</param>
/// <param name="MeetingPairs">Of those, the pairs whose proficiency reaches the highest required level.</param>
internal sealed record GeneratedSkills(
    int Tools, int Roles, int Requirements, int Assignments, int Proficiencies, long RequiredPairs, long MeetingPairs, TimeSpan Elapsed);

/// <summary>
/// Skills data for a generated organisation, inserted straight into the Skills module's tables like
/// <see cref="OrganisationGenerator"/> does (one transaction; prepared statements on SQLite, binary COPY
/// on PostgreSQL): 200 tools, 12 roles each requiring 30–50 tools at levels 1–4 (in the installation's
/// one requirement matrix), 1–2 roles per person, the Skills membership projection mirroring the
/// organisation's memberships (as Organization's events would have filled it), and a proficiency for
/// about 90 % of the required (person, tool) pairs, two thirds of them at or above the required level
/// (so roughly 60 % of the pairs meet). Deterministic for a given seed except for the ids.
/// </summary>
internal sealed class SkillsGenerator(DatabaseProvider provider, string connectionString, SkillsTables tables)
{
    public const int ToolCount = 200;
    public const int RoleCount = 12;

    private static readonly string[] Categories = Enum.GetNames<ToolCategory>();

    private sealed record ToolRow(Guid Id, string Name, string Category);

    private sealed record RoleRow(Guid Id, string Name);

    private sealed record RequirementRow(Guid RoleId, Guid ToolId, int Level, bool Mandatory);

    private readonly record struct AssignmentRow(Guid PersonId, Guid RoleId);

    private readonly record struct ProficiencyRow(Guid Id, Guid PersonId, Guid ToolId, int Level);

    private sealed record Rows(
        List<ToolRow> Tools, List<RoleRow> Roles, List<RequirementRow> Requirements, List<Guid> People,
        List<AssignmentRow> Assignments, List<ProficiencyRow> Proficiencies, IReadOnlyList<GeneratedMember> Members,
        long RequiredPairs, long MeetingPairs, DateTimeOffset Now);

    public async Task<GeneratedSkills> GenerateAsync(GeneratedOrganisation organisation, int seed = 20261123, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var rows = Plan(organisation, new Random(seed), DateTimeOffset.UtcNow);
        if (provider == DatabaseProvider.Sqlite)
        {
            InsertSqlite(rows);
        }
        else if (provider == DatabaseProvider.PostgreSql)
        {
            await InsertPostgreSqlAsync(rows, cancellationToken);
        }
        else
        {
            throw new NotSupportedException($"The generator does not support {provider} yet.");
        }

        return new GeneratedSkills(
            rows.Tools.Count, rows.Roles.Count, rows.Requirements.Count, rows.Assignments.Count, rows.Proficiencies.Count,
            rows.RequiredPairs, rows.MeetingPairs, Stopwatch.GetElapsedTime(started));
    }

    private static Rows Plan(GeneratedOrganisation organisation, Random random, DateTimeOffset now)
    {
        var tools = Enumerable.Range(1, ToolCount)
            .Select(i => new ToolRow(Guid.NewGuid(), $"Benchmark-Werkzeug {i:000}", Categories[i % Categories.Length]))
            .ToList();
        var roles = Enumerable.Range(1, RoleCount).Select(i => new RoleRow(Guid.NewGuid(), $"Benchmark-Rolle {i:00}")).ToList();
        var requirements = new List<RequirementRow>();
        var byRole = new Dictionary<Guid, List<RequirementRow>>();
        foreach (var role in roles)
        {
            var picked = tools.OrderBy(_ => random.Next()).Take(random.Next(30, 51))
                .Select(t => new RequirementRow(role.Id, t.Id, random.Next(1, 5), random.Next(3) > 0))
                .ToList();
            requirements.AddRange(picked);
            byRole[role.Id] = picked;
        }

        // Persons in id order: the (PersonId, ToolId) indexes then grow at their end instead of at random places.
        var people = organisation.Members.Select(m => m.PersonId).Distinct().OrderBy(id => id.ToString()).ToList();
        var assignments = new List<AssignmentRow>(people.Count * 3 / 2);
        var proficiencies = new List<ProficiencyRow>(people.Count * 60);
        long requiredPairs = 0, meetingPairs = 0;
        var required = new Dictionary<Guid, int>();
        foreach (var person in people)
        {
            var first = roles[random.Next(roles.Count)];
            var personRoles = random.Next(2) == 0 ? [first] : new[] { first, roles[(roles.IndexOf(first) + 1 + random.Next(roles.Count - 1)) % roles.Count] };
            required.Clear();
            foreach (var role in personRoles)
            {
                assignments.Add(new AssignmentRow(person, role.Id));
                foreach (var requirement in byRole[role.Id])
                {
                    required[requirement.ToolId] = Math.Max(required.GetValueOrDefault(requirement.ToolId), requirement.Level);
                }
            }

            foreach (var (toolId, level) in required)
            {
                requiredPairs++;
                if (random.NextDouble() >= 0.9)
                {
                    continue; // never assessed: counts as not meeting
                }

                var meets = random.NextDouble() < 2.0 / 3;
                var current = meets ? random.Next(level, 5) : random.Next(0, level);
                meetingPairs += meets ? 1 : 0;
                proficiencies.Add(new ProficiencyRow(Guid.CreateVersion7(), person, toolId, current));
            }
        }

        return new Rows(tools, roles, requirements, people, assignments, proficiencies, organisation.Members, requiredPairs, meetingPairs, now);
    }

    // --- SQLite: one transaction, one prepared INSERT per table (values stored as EF Core stores them,
    // see OrganisationGenerator). Synchronous: Microsoft.Data.Sqlite has no real async I/O anyway.

    private void InsertSqlite(Rows rows)
    {
        var now = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(rows.Now)!;
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var matrix = OrganisationGenerator.SqliteId(RequirementMatrix.SingletonId);

        // The demo seeder has normally created the installation's one matrix already.
        InsertAll($"""INSERT INTO {tables.Matrices} ("Id", "Version") VALUES (@p1, 1) ON CONFLICT DO NOTHING""", [matrix], m => [m]);
        InsertAll(
            $"""INSERT INTO {tables.Tools} ("Id", "Name", "Category", "Description", "GuideUrl", "Lifecycle", "Version") VALUES (@p1, @p2, @p3, '', NULL, 'InUse', 1)""",
            rows.Tools, t => [Id(t.Id), t.Name, t.Category]);
        InsertAll($"""INSERT INTO {tables.Roles} ("Id", "Name", "Description", "Version") VALUES (@p1, @p2, '', 1)""", rows.Roles, r => [Id(r.Id), r.Name]);
        InsertAll(
            $"""INSERT INTO {tables.Requirements} ("RoleId", "ToolId", "Level", "Mandatory", "Rationale", "MatrixId") VALUES (@p1, @p2, @p3, @p4, '', @p5)""",
            rows.Requirements, r => [Id(r.RoleId), Id(r.ToolId), r.Level, r.Mandatory, matrix]);
        InsertAll($"""INSERT INTO {tables.PersonRoles} ("Id", "Version") VALUES (@p1, 1)""", rows.People, p => [Id(p)]);
        InsertAll(
            $"""INSERT INTO {tables.RoleAssignments} ("PersonId", "RoleId", "AssignedAt") VALUES (@p1, @p2, @p3)""",
            rows.Assignments, a => [Id(a.PersonId), Id(a.RoleId), now]);
        InsertAll(
            $"""INSERT INTO {tables.UnitMembers} ("UnitId", "PersonId", "IsLead") VALUES (@p1, @p2, @p3)""",
            rows.Members, m => [Id(m.UnitId), Id(m.PersonId), m.IsLead]);
        InsertAll(
            $"""
            INSERT INTO {tables.Proficiencies} ("Id", "PersonId", "ToolId", "Level", "Source", "ConfirmedByLead", "UpdatedAt", "Version")
            VALUES (@p1, @p2, @p3, @p4, 'Self', 0, @p5, 1)
            """,
            rows.Proficiencies, p => [Id(p.Id), Id(p.PersonId), Id(p.ToolId), p.Level, now]);
        transaction.Commit();

        void InsertAll<T>(string sql, IReadOnlyList<T> items, Func<T, object[]> values)
        {
            using var command = connection.CreateCommand();
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

                command.ExecuteNonQuery();
            }
        }

        static string Id(Guid id) => OrganisationGenerator.SqliteId(id);
    }

    // --- PostgreSQL: binary COPY per table in one transaction, then ANALYZE. ----------------------

    private async Task InsertPostgreSqlAsync(Rows rows, CancellationToken cancellationToken)
    {
        var now = rows.Now.UtcDateTime;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var insert = new NpgsqlCommand($"""INSERT INTO {tables.Matrices} ("Id", "Version") VALUES (@id, 1) ON CONFLICT DO NOTHING""", connection, transaction))
            {
                insert.Parameters.AddWithValue("id", RequirementMatrix.SingletonId);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await CopyAsync(
                $"""COPY {tables.Tools} ("Id", "Name", "Category", "Description", "Lifecycle", "Version") FROM STDIN (FORMAT BINARY)""",
                rows.Tools, async (copy, t) =>
                {
                    await copy.WriteAsync(t.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(t.Name, NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(t.Category, NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync("", NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync("InUse", NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                });
            await CopyAsync(
                $"""COPY {tables.Roles} ("Id", "Name", "Description", "Version") FROM STDIN (FORMAT BINARY)""",
                rows.Roles, async (copy, r) =>
                {
                    await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(r.Name, NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync("", NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                });
            await CopyAsync(
                $"""COPY {tables.Requirements} ("RoleId", "ToolId", "Level", "Mandatory", "Rationale", "MatrixId") FROM STDIN (FORMAT BINARY)""",
                rows.Requirements, async (copy, r) =>
                {
                    await copy.WriteAsync(r.RoleId, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(r.ToolId, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(r.Level, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(r.Mandatory, NpgsqlDbType.Boolean, cancellationToken);
                    await copy.WriteAsync("", NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(RequirementMatrix.SingletonId, NpgsqlDbType.Uuid, cancellationToken);
                });
            await CopyAsync(
                $"""COPY {tables.PersonRoles} ("Id", "Version") FROM STDIN (FORMAT BINARY)""",
                rows.People, async (copy, p) =>
                {
                    await copy.WriteAsync(p, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                });
            await CopyAsync(
                $"""COPY {tables.RoleAssignments} ("PersonId", "RoleId", "AssignedAt") FROM STDIN (FORMAT BINARY)""",
                rows.Assignments, async (copy, a) =>
                {
                    await copy.WriteAsync(a.PersonId, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(a.RoleId, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                });
            await CopyAsync(
                $"""COPY {tables.UnitMembers} ("UnitId", "PersonId", "IsLead") FROM STDIN (FORMAT BINARY)""",
                rows.Members, async (copy, m) =>
                {
                    await copy.WriteAsync(m.UnitId, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(m.PersonId, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(m.IsLead, NpgsqlDbType.Boolean, cancellationToken);
                });
            await CopyAsync(
                $"""
                COPY {tables.Proficiencies} ("Id", "PersonId", "ToolId", "Level", "Source", "ConfirmedByLead", "UpdatedAt", "Version")
                FROM STDIN (FORMAT BINARY)
                """,
                rows.Proficiencies, async (copy, p) =>
                {
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(p.PersonId, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(p.ToolId, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(p.Level, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync("Self", NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                });
            await transaction.CommitAsync(cancellationToken);
        }

        // As OrganisationGenerator: statistics now, so every run measures the same plans.
        await using var analyze = new NpgsqlCommand(
            string.Join(' ', new[] { tables.Tools, tables.Roles, tables.Requirements, tables.PersonRoles, tables.RoleAssignments, tables.UnitMembers, tables.Proficiencies }
                .Select(t => $"ANALYZE {t};")),
            connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);

        async Task CopyAsync<T>(string sql, IReadOnlyList<T> items, Func<NpgsqlBinaryImporter, T, Task> write)
        {
            await using var copy = await connection.BeginBinaryImportAsync(sql, cancellationToken);
            foreach (var item in items)
            {
                await copy.StartRowAsync(cancellationToken);
                await write(copy, item);
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }
}
