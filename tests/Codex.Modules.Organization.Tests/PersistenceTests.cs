using Codex.Modules.Organization.Contracts;
using Codex.Modules.Organization.Domain;
using Codex.Modules.Organization.Persistence;
using Codex.Shared.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Organization.Tests;

/// <summary>The unit of work on a real (in-memory) SQLite database: outbox and concurrency.</summary>
public sealed class PersistenceTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    private OrganizationDbContext NewContext() =>
        new OrganizationSqliteDbContext(new DbContextOptionsBuilder<OrganizationSqliteDbContext>().UseSqlite(_connection).Options);

    public async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task Saving_a_change_writes_its_integration_event_to_the_outbox_in_the_same_save()
    {
        await using (var db = NewContext())
        {
            db.People.Add(Person.Create(Guid.NewGuid(), "Anna", "Schmidt", "anna@example.org", "de", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await using var check = NewContext();
        var message = Assert.Single(await check.OutboxMessages.ToListAsync());
        Assert.Null(message.ProcessedAt);
        var joined = Assert.IsType<PersonJoinedIntegrationEvent>(message.Deserialize());
        Assert.Equal("Anna Schmidt", joined.DisplayName);
        Assert.Equal(message.Id, joined.EventId);
    }

    [Fact]
    public async Task Every_save_increments_the_version_and_an_outdated_version_is_refused()
    {
        var id = Guid.NewGuid();
        await using (var db = NewContext())
        {
            db.OrgUnits.Add(OrgUnit.Create(id, "Sozialwerk", OrgUnitKind.Organisation, null, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await using (var db = NewContext())
        {
            var unit = await db.OrgUnits.SingleAsync(u => u.Id == id);
            Assert.Equal(1, unit.Version);
            db.ExpectVersion(unit, 1);
            unit.Rename("Erster Name");
            await db.SaveChangesAsync();
            Assert.Equal(2, unit.Version);
        }

        await using (var db = NewContext())
        {
            var unit = await db.OrgUnits.SingleAsync(u => u.Id == id);
            db.ExpectVersion(unit, 1);
            unit.Rename("Veralteter Stand");
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        }

        await using var check = NewContext();
        Assert.Equal("Erster Name", (await check.OrgUnits.SingleAsync(u => u.Id == id)).Name);
    }

    [Fact]
    public async Task A_membership_change_is_versioned_on_the_membership_and_leaves_its_unit_untouched()
    {
        var id = Guid.NewGuid();
        var person = Person.Create(Guid.NewGuid(), "Anna", "Schmidt", "anna@example.org", "de", DateTimeOffset.UtcNow);
        var colleague = Person.Create(Guid.NewGuid(), "Jonas", "Becker", "jonas@example.org", "de", DateTimeOffset.UtcNow);
        await using (var db = NewContext())
        {
            db.People.AddRange(person, colleague);
            db.OrgUnits.Add(OrgUnit.Create(id, "Sozialwerk", OrgUnitKind.Organisation, null, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await using (var db = NewContext())
        {
            db.Memberships.Add(Membership.Join(id, person.Id, isLead: false, current: null, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        // Two changes of the same membership based on the same state: the second is refused.
        await using (var first = NewContext())
        await using (var second = NewContext())
        {
            var mine = await first.Memberships.SingleAsync(m => m.PersonId == person.Id);
            var theirs = await second.Memberships.SingleAsync(m => m.PersonId == person.Id);
            mine.SetLead(true, DateTimeOffset.UtcNow);
            await first.SaveChangesAsync();
            Assert.Equal(2, mine.Version);
            theirs.Leave(DateTimeOffset.UtcNow);
            second.Memberships.Remove(theirs);
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        }

        // The same person twice in one unit: the key refuses the second row.
        await using (var db = NewContext())
        {
            db.Memberships.Add(Membership.Join(id, person.Id, isLead: false, current: null, DateTimeOffset.UtcNow));
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(UniqueKeyViolation.IsCausedBy(refused));
        }

        await using (var db = NewContext())
        {
            db.Memberships.Add(Membership.Join(id, colleague.Id, isLead: false, current: null, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await using var check = NewContext();
        Assert.Equal(1, (await check.OrgUnits.SingleAsync(u => u.Id == id)).Version);
        Assert.Equal(2, await check.Memberships.CountAsync(m => m.OrgUnitId == id));
        // Two people joined the organisation; Anna joined the unit and became lead, Jonas joined: one message each.
        Assert.Equal(5, await check.OutboxMessages.CountAsync());
    }
}
