using Codex.Modules.Learning.Contracts;
using Codex.Modules.Learning.Domain;
using Codex.Shared.Contracts;
using Codex.Shared.Domain;
using Codex.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Persistence;

internal abstract class LearningDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Module = "Learning";
    public const string SchemaName = "learning";

    protected override string Schema => SchemaName;

    public DbSet<LearningPath> Paths => Set<LearningPath>();

    public DbSet<PathStep> Steps => Set<PathStep>();

    public DbSet<PathAssignment> Assignments => Set<PathAssignment>();

    public DbSet<Enrolment> Enrolments => Set<Enrolment>();

    public DbSet<StepProgress> StepProgress => Set<StepProgress>();

    public DbSet<RoleHolder> RoleHolders => Set<RoleHolder>();

    public DbSet<UnitMember> UnitMembers => Set<UnitMember>();

    public DbSet<ProgressView> ProgressViews => Set<ProgressView>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LearningPath>(b =>
        {
            b.ToTable("Paths");
            b.Property(p => p.Id).ValueGeneratedNever();
            b.Property(p => p.Title).HasMaxLength(LearningPath.TitleMaxLength);
            b.Property(p => p.Description).HasMaxLength(LearningPath.DescriptionMaxLength);
            b.HasMany(p => p.Steps).WithOne().HasForeignKey(s => s.PathId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(p => p.Assignments).WithOne().HasForeignKey(a => a.PathId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(p => p.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Navigation(p => p.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Ignore(p => p.OrderedSteps);
            b.HasIndex(p => p.Title);
        });
        modelBuilder.Entity<PathStep>(b =>
        {
            b.ToTable("Steps");
            b.Property(s => s.Id).ValueGeneratedNever();
            b.Property(s => s.Title).HasMaxLength(PathStep.TitleMaxLength);
            b.Property(s => s.Description).HasMaxLength(PathStep.DescriptionMaxLength);
            b.Property(s => s.Link).HasMaxLength(PathStep.LinkMaxLength);
            b.Property(s => s.Place).HasMaxLength(PathStep.PlaceMaxLength);
            b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
            b.HasIndex(s => new { s.TargetToolId, s.TargetLevel });
        });
        modelBuilder.Entity<PathAssignment>(b =>
        {
            b.ToTable("Assignments");
            b.Property(a => a.Id).ValueGeneratedNever();
            b.Property(a => a.RoleName).HasMaxLength(200);
            b.HasIndex(a => new { a.PathId, a.RoleId }).IsUnique();
            b.HasIndex(a => a.RoleId);
        });
        modelBuilder.Entity<Enrolment>(b =>
        {
            b.ToTable("Enrolments");
            b.Property(e => e.Id).ValueGeneratedNever();
            b.Property(e => e.State).HasConversion<string>().HasMaxLength(20);
            b.HasMany(e => e.Steps).WithOne().HasForeignKey(s => s.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(e => e.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
            // "Never enrolled twice" holds even when two assignments race.
            b.HasIndex(e => new { e.PersonId, e.PathId, e.Cycle }).IsUnique();
            b.HasIndex(e => new { e.PathId, e.State });
            b.HasIndex(e => new { e.State, e.DueOn });
        });
        modelBuilder.Entity<StepProgress>(b =>
        {
            b.ToTable("StepProgress");
            b.Property(s => s.Id).ValueGeneratedNever();
            b.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
            b.Property(s => s.Evidence).HasMaxLength(Enrolment.EvidenceMaxLength);
            b.HasIndex(s => new { s.EnrolmentId, s.StepId }).IsUnique();
            b.HasIndex(s => s.State);
        });
        modelBuilder.Entity<RoleHolder>(b =>
        {
            b.ToTable("RoleHolders");
            b.HasKey(h => new { h.RoleId, h.PersonId });
            b.HasIndex(h => h.PersonId);
        });
        modelBuilder.Entity<UnitMember>(b =>
        {
            b.ToTable("UnitMembers");
            b.HasKey(m => new { m.UnitId, m.PersonId });
            b.HasIndex(m => m.PersonId);
        });
        modelBuilder.Entity<ProgressView>(b =>
        {
            b.ToTable("ProgressViews");
            b.HasKey(v => v.Id);
            b.Property(v => v.Id).ValueGeneratedNever();
            b.Property(v => v.ViewerName).HasMaxLength(ProgressView.ViewerNameMaxLength);
            b.HasIndex(v => new { v.PersonId, v.At });
        });
    }

    protected override IIntegrationEvent? ToIntegrationEvent(IDomainEvent domainEvent) => domainEvent switch
    {
        LearningStepCompleted e => new LearningStepCompletedIntegrationEvent(Guid.NewGuid(), e.At, e.PersonId, e.PathId, e.StepId, e.ToolId, e.Level),
        EnrolmentEnded e => new EnrolmentEndedIntegrationEvent(Guid.NewGuid(), e.At, e.EnrolmentId, e.PersonId),
        _ => null,
    };
}

internal sealed class LearningSqliteDbContext(DbContextOptions<LearningSqliteDbContext> options) : LearningDbContext(options);

internal sealed class LearningPostgreSqlDbContext(DbContextOptions<LearningPostgreSqlDbContext> options) : LearningDbContext(options);

internal sealed class LearningSqlServerDbContext(DbContextOptions<LearningSqlServerDbContext> options) : LearningDbContext(options);

internal sealed class LearningSqliteDesignTimeFactory()
    : DesignTimeFactory<LearningSqliteDbContext>(DatabaseProvider.Sqlite, LearningDbContext.Module, LearningDbContext.SchemaName);

internal sealed class LearningPostgreSqlDesignTimeFactory()
    : DesignTimeFactory<LearningPostgreSqlDbContext>(DatabaseProvider.PostgreSql, LearningDbContext.Module, LearningDbContext.SchemaName);

internal sealed class LearningSqlServerDesignTimeFactory()
    : DesignTimeFactory<LearningSqlServerDbContext>(DatabaseProvider.SqlServer, LearningDbContext.Module, LearningDbContext.SchemaName);
