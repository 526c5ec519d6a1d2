using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Features.Gaps;
using Codex.Modules.Skills.Domain;
using Codex.Shared.Contracts;
using Codex.Shared.Domain;
using Codex.Shared.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Modules.Skills.Persistence;

internal abstract class SkillsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Module = "Skills";
    public const string SchemaName = "skills";

    protected override string Schema => SchemaName;

    public DbSet<Tool> Tools => Set<Tool>();

    public DbSet<ToolCompetence> ToolCompetences => Set<ToolCompetence>();

    public DbSet<DigCompCompetence> DigCompCompetences => Set<DigCompCompetence>();

    public DbSet<Role> Roles => Set<Role>();

    public DbSet<RequirementMatrix> Matrices => Set<RequirementMatrix>();

    public DbSet<Requirement> Requirements => Set<Requirement>();

    public DbSet<PersonRoles> PersonRoles => Set<PersonRoles>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<Proficiency> Proficiencies => Set<Proficiency>();

    public DbSet<ProficiencyChange> ProficiencyChanges => Set<ProficiencyChange>();

    public DbSet<UnitMember> UnitMembers => Set<UnitMember>();

    public DbSet<PrivacySettings> PrivacySettings => Set<PrivacySettings>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<UnitCoverage> UnitCoverage => Set<UnitCoverage>();

    public DbSet<CoverageState> CoverageStates => Set<CoverageState>();

    private bool _maintainingCoverage;

    /// <summary>
    /// Every save that changes roles, requirements, levels or memberships also updates the heatmap's
    /// coverage, in the same transaction, so no write path can forget it.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (_maintainingCoverage)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        ChangeTracker.DetectChanges();
        if (CoverageChange.Collect(ChangeTracker) is not { } change)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The tree comes from Organization; read it before taking the coverage lock.
        var services = this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
            ?? throw new InvalidOperationException("Skills saves need the application's services to keep the heatmap coverage.");
        var units = await services.GetRequiredService<IMediator>().Send(new GetOrgUnitsQuery(), cancellationToken);
        _maintainingCoverage = true;
        try
        {
            return await new CoverageMaintainer(this, new OrgUnitTree(units))
                .SaveAsync(change, () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
        }
        finally
        {
            _maintainingCoverage = false;
        }
    }

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DigCompCompetence>(b =>
        {
            b.ToTable("DigCompCompetences");
            b.HasKey(c => c.Code);
            b.Property(c => c.Code).HasMaxLength(8);
            b.Property(c => c.NameDe).HasMaxLength(200);
            b.Property(c => c.NameEn).HasMaxLength(200);
            b.HasData(DigComp.Competences);
        });

        modelBuilder.Entity<Tool>(b =>
        {
            b.ToTable("Tools");
            b.HasKey(t => t.Id);
            b.Property(t => t.Id).ValueGeneratedNever();
            b.Property(t => t.Name).HasMaxLength(Tool.NameMaxLength);
            b.Property(t => t.Description).HasMaxLength(Tool.DescriptionMaxLength);
            b.Property(t => t.GuideUrl).HasMaxLength(Tool.GuideUrlMaxLength);
            b.Property(t => t.Category).HasConversion<string>().HasMaxLength(30);
            b.Property(t => t.Lifecycle).HasConversion<string>().HasMaxLength(30);
            b.HasIndex(t => t.Name).IsUnique();
            b.HasMany(t => t.Competences).WithOne().HasForeignKey(c => c.ToolId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(t => t.Competences).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<ToolCompetence>(b =>
        {
            b.ToTable("ToolCompetences");
            b.HasKey(c => new { c.ToolId, c.CompetenceCode });
            b.Property(c => c.CompetenceCode).HasMaxLength(8);
            b.HasOne<DigCompCompetence>().WithMany().HasForeignKey(c => c.CompetenceCode).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Role>(b =>
        {
            b.ToTable("Roles");
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.Name).HasMaxLength(Role.NameMaxLength);
            b.Property(r => r.Description).HasMaxLength(Role.DescriptionMaxLength);
            b.HasIndex(r => r.Name).IsUnique();
        });

        modelBuilder.Entity<RequirementMatrix>(b =>
        {
            b.ToTable("Matrices");
            b.HasKey(m => m.Id);
            b.Property(m => m.Id).ValueGeneratedNever();
            b.HasMany(m => m.Requirements).WithOne().HasForeignKey("MatrixId").IsRequired().OnDelete(DeleteBehavior.Cascade);
            b.Navigation(m => m.Requirements).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<Requirement>(b =>
        {
            b.ToTable("Requirements");
            b.HasKey(r => new { r.RoleId, r.ToolId });
            b.Property(r => r.Rationale).HasMaxLength(Requirement.RationaleMaxLength);
            b.HasIndex(r => r.ToolId);
            b.HasOne<Role>().WithMany().HasForeignKey(r => r.RoleId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Tool>().WithMany().HasForeignKey(r => r.ToolId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PersonRoles>(b =>
        {
            b.ToTable("PersonRoles");
            b.HasKey(p => p.Id);
            b.Property(p => p.Id).ValueGeneratedNever();
            b.Ignore(p => p.PersonId);
            b.HasMany(p => p.Assignments).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(p => p.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);
            b.HasMany(p => p.Suspended).WithOne().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(p => p.Suspended).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<SuspendedRole>(b =>
        {
            // No key to Roles: a role deleted while the person was away is simply not given back.
            b.ToTable("SuspendedRoles");
            b.HasKey(s => new { s.PersonId, s.RoleId });
        });

        modelBuilder.Entity<RoleAssignment>(b =>
        {
            b.ToTable("RoleAssignments");
            b.HasKey(a => new { a.PersonId, a.RoleId });
            b.HasIndex(a => a.RoleId);
            b.HasOne<Role>().WithMany().HasForeignKey(a => a.RoleId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Proficiency>(b =>
        {
            b.ToTable("Proficiencies");
            b.HasKey(p => p.Id);
            b.Property(p => p.Id).ValueGeneratedNever();
            b.Property(p => p.Source).HasConversion<string>().HasMaxLength(20);
            // The heatmap joins on (person, tool) and reads the level: covering index.
            b.HasIndex(p => new { p.PersonId, p.ToolId }).IsUnique();
            b.HasOne<Tool>().WithMany().HasForeignKey(p => p.ToolId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ProficiencyChange>(b =>
        {
            b.ToTable("ProficiencyChanges");
            b.HasKey(c => c.Id);
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
            b.HasIndex(c => new { c.PersonId, c.ToolId, c.At });
        });

        modelBuilder.Entity<UnitMember>(b =>
        {
            b.ToTable("UnitMembers");
            b.HasKey(m => new { m.UnitId, m.PersonId });
            b.HasIndex(m => m.PersonId);
        });

        modelBuilder.Entity<UnitCoverage>(b =>
        {
            b.ToTable("UnitCoverage");
            b.HasKey(c => new { c.UnitId, c.ToolId });
        });

        modelBuilder.Entity<CoverageState>(b =>
        {
            b.ToTable("CoverageState");
            b.HasKey(s => s.Id);
            b.Property(s => s.Id).ValueGeneratedNever();
            b.HasData(new CoverageState());
        });

        modelBuilder.Entity<PrivacySettings>(b =>
        {
            b.ToTable("PrivacySettings");
            b.HasKey(s => s.Id);
            b.Property(s => s.Id).ValueGeneratedNever();
        });

        modelBuilder.Entity<AuditEntry>(b =>
        {
            b.ToTable("AuditEntries");
            b.HasKey(a => a.Id);
            b.Property(a => a.Id).ValueGeneratedNever();
            b.Property(a => a.Area).HasConversion<string>().HasMaxLength(20);
            b.Property(a => a.ActorName).HasMaxLength(AuditEntry.TextMaxLength);
            b.Property(a => a.Subject).HasMaxLength(AuditEntry.TextMaxLength);
            b.Property(a => a.OldValue).HasMaxLength(AuditEntry.TextMaxLength);
            b.Property(a => a.NewValue).HasMaxLength(AuditEntry.TextMaxLength);
            b.HasIndex(a => a.At);
            b.HasIndex(a => a.SubjectPersonId);
        });
    }

    protected override IIntegrationEvent? ToIntegrationEvent(IDomainEvent domainEvent) => domainEvent switch
    {
        RoleAssigned e => new RoleAssignedIntegrationEvent(Guid.NewGuid(), e.At, e.PersonId, e.RoleId, e.RoleName),
        RoleUnassigned e => new RoleUnassignedIntegrationEvent(Guid.NewGuid(), e.At, e.PersonId, e.RoleId),
        RoleDeleted e => new RoleDeletedIntegrationEvent(Guid.NewGuid(), e.At, e.RoleId),
        _ => null,
    };
}

internal sealed class SkillsSqliteDbContext(DbContextOptions<SkillsSqliteDbContext> options) : SkillsDbContext(options);

internal sealed class SkillsPostgreSqlDbContext(DbContextOptions<SkillsPostgreSqlDbContext> options) : SkillsDbContext(options);

internal sealed class SkillsSqlServerDbContext(DbContextOptions<SkillsSqlServerDbContext> options) : SkillsDbContext(options);

internal sealed class SkillsSqliteDesignTimeFactory()
    : DesignTimeFactory<SkillsSqliteDbContext>(DatabaseProvider.Sqlite, SkillsDbContext.Module, SkillsDbContext.SchemaName);

internal sealed class SkillsPostgreSqlDesignTimeFactory()
    : DesignTimeFactory<SkillsPostgreSqlDbContext>(DatabaseProvider.PostgreSql, SkillsDbContext.Module, SkillsDbContext.SchemaName);

internal sealed class SkillsSqlServerDesignTimeFactory()
    : DesignTimeFactory<SkillsSqlServerDbContext>(DatabaseProvider.SqlServer, SkillsDbContext.Module, SkillsDbContext.SchemaName);
