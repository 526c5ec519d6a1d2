using Codex.Modules.Organization.Contracts;
using Codex.Modules.Organization.Domain;
using Codex.Shared.Contracts;
using Codex.Shared.Domain;
using Codex.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Organization.Persistence;

internal abstract class OrganizationDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Module = "Organization";
    public const string SchemaName = "organization";

    protected override string Schema => SchemaName;

    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Erasure> Erasures => Set<Erasure>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OrgUnit>(b =>
        {
            b.ToTable("OrgUnits");
            b.HasKey(u => u.Id);
            b.Property(u => u.Id).ValueGeneratedNever();
            b.Property(u => u.Name).HasMaxLength(OrgUnit.NameMaxLength);
            b.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
            b.HasIndex(u => u.ParentId);
        });

        modelBuilder.Entity<Membership>(b =>
        {
            b.ToTable("Memberships");
            // The key is the unique (unit, person) pair: under a race of two adds of the same person it decides.
            b.HasKey(m => new { m.OrgUnitId, m.PersonId });
            b.Ignore(m => m.Id);
            b.HasIndex(m => m.PersonId);
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(m => m.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Erasure>(b =>
        {
            b.ToTable("Erasures");
            b.HasKey(e => e.Id);
            b.Property(e => e.Id).ValueGeneratedNever();
        });

        modelBuilder.Entity<Person>(b =>
        {
            b.ToTable("People");
            b.HasKey(p => p.Id);
            b.Property(p => p.Id).ValueGeneratedNever();
            b.Property(p => p.FirstName).HasMaxLength(Person.NameMaxLength);
            b.Property(p => p.LastName).HasMaxLength(Person.NameMaxLength);
            b.Property(p => p.Email).HasMaxLength(Person.EmailMaxLength);
            b.Property(p => p.NormalizedEmail).HasMaxLength(Person.EmailMaxLength);
            b.Property(p => p.PreferredLanguage).HasMaxLength(5);
            b.Property(p => p.StaffNumber).HasMaxLength(Person.StaffNumberMaxLength);
            b.HasIndex(p => p.StaffNumber).IsUnique();
            b.Ignore(p => p.DisplayName);
            b.HasIndex(p => p.NormalizedEmail).IsUnique();
            b.HasIndex(p => new { p.LastName, p.FirstName });
        });
    }

    protected override IIntegrationEvent? ToIntegrationEvent(IDomainEvent domainEvent) => domainEvent switch
    {
        PersonJoined e => new PersonJoinedIntegrationEvent(Guid.NewGuid(), e.At, e.PersonId, e.DisplayName, e.Email, e.PreferredLanguage),
        PersonLeft e => new PersonLeftIntegrationEvent(Guid.NewGuid(), e.At, e.PersonId),
        PersonReturned e => new PersonReturnedIntegrationEvent(Guid.NewGuid(), e.At, e.PersonId),
        PersonErased e => new PersonErasedIntegrationEvent(Guid.NewGuid(), e.At, e.PersonId, e.AnonymousId),
        MembershipChanged e => new MembershipChangedIntegrationEvent(Guid.NewGuid(), e.At, e.OrgUnitId, e.PersonId, e.Change, e.IsLead),
        OrgUnitMoved e => new OrgUnitMovedIntegrationEvent(Guid.NewGuid(), e.At, e.OrgUnitId, e.NewParentId),
        _ => null,
    };
}

internal sealed class OrganizationSqliteDbContext(DbContextOptions<OrganizationSqliteDbContext> options) : OrganizationDbContext(options);

internal sealed class OrganizationPostgreSqlDbContext(DbContextOptions<OrganizationPostgreSqlDbContext> options) : OrganizationDbContext(options);

internal sealed class OrganizationSqlServerDbContext(DbContextOptions<OrganizationSqlServerDbContext> options) : OrganizationDbContext(options);

internal sealed class OrganizationSqliteDesignTimeFactory()
    : DesignTimeFactory<OrganizationSqliteDbContext>(DatabaseProvider.Sqlite, OrganizationDbContext.Module, OrganizationDbContext.SchemaName);

internal sealed class OrganizationPostgreSqlDesignTimeFactory()
    : DesignTimeFactory<OrganizationPostgreSqlDbContext>(DatabaseProvider.PostgreSql, OrganizationDbContext.Module, OrganizationDbContext.SchemaName);

internal sealed class OrganizationSqlServerDesignTimeFactory()
    : DesignTimeFactory<OrganizationSqlServerDbContext>(DatabaseProvider.SqlServer, OrganizationDbContext.Module, OrganizationDbContext.SchemaName);
