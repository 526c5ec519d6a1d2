using System.Text.Json;
using Codex.Modules.TeamCodex.Contracts;
using Codex.Modules.TeamCodex.Domain;
using Codex.Shared.Contracts;
using Codex.Shared.Domain;
using Codex.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Codex.Modules.TeamCodex.Persistence;

internal abstract class TeamCodexDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Module = "TeamCodex";
    public const string SchemaName = "teamcodex";

    protected override string Schema => SchemaName;

    public DbSet<UnitMember> UnitMembers => Set<UnitMember>();

    public DbSet<UnitCodex> Codices => Set<UnitCodex>();

    public DbSet<DraftRevision> DraftRevisions => Set<DraftRevision>();

    public DbSet<CodexVersion> Versions => Set<CodexVersion>();

    public DbSet<ChangeProposal> Proposals => Set<ChangeProposal>();

    public DbSet<ProposalComment> ProposalComments => Set<ProposalComment>();

    public DbSet<ReviewRound> Rounds => Set<ReviewRound>();

    public DbSet<RoundResponse> RoundResponses => Set<RoundResponse>();

    public DbSet<Acknowledgement> Acknowledgements => Set<Acknowledgement>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UnitMember>(b =>
        {
            b.ToTable("UnitMembers");
            b.HasKey(m => new { m.OrgUnitId, m.PersonId });
            b.HasIndex(m => m.PersonId);
        });

        modelBuilder.Entity<UnitCodex>(b =>
        {
            b.ToTable("Codices");
            b.HasIndex(c => c.OrgUnitId).IsUnique();
            b.HasIndex(c => c.NextReviewOn);
            SectionsColumn(b.Property(c => c.Draft));
        });

        modelBuilder.Entity<DraftRevision>(b =>
        {
            b.ToTable("DraftRevisions");
            b.HasKey(r => new { r.CodexId, r.Number });
            SectionsColumn(b.Property(r => r.Sections));
        });

        modelBuilder.Entity<CodexVersion>(b =>
        {
            b.ToTable("Versions");
            b.HasKey(v => new { v.CodexId, v.Number });
            b.Property(v => v.ChangeSummary).HasMaxLength(CodexVersion.ChangeSummaryMaxLength);
            b.Property(v => v.RoundOutcome).HasMaxLength(1000);
            SectionsColumn(b.Property(v => v.Sections));
        });

        modelBuilder.Entity<ChangeProposal>(b =>
        {
            b.ToTable("Proposals");
            b.HasIndex(p => new { p.CodexId, p.CreatedAt });
            b.Property(p => p.Title).HasMaxLength(ChangeProposal.TitleMaxLength);
            b.Property(p => p.Rationale).HasMaxLength(ChangeProposal.RationaleMaxLength);
            b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            SectionsColumn(b.Property(p => p.Sections));
            JsonColumn(b.Property(p => p.EarlierRevisions));
            b.HasMany(p => p.Comments).WithOne().HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(p => p.Comments).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<ProposalComment>(b =>
        {
            b.ToTable("ProposalComments");
            b.Property(c => c.Text).HasMaxLength(ProposalComment.TextMaxLength);
            b.Property(c => c.Id).ValueGeneratedNever();
        });

        modelBuilder.Entity<ReviewRound>(b =>
        {
            b.ToTable("ReviewRounds");
            b.HasIndex(r => new { r.CodexId, r.OpenedAt });
            b.HasIndex(r => r.ClosesOn);
            b.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(30);
            b.Property(r => r.OutcomeStatement).HasMaxLength(1000);
            b.Ignore(r => r.IsOpen);
            b.Ignore(r => r.HasUnresolvedObjection);
            b.Ignore(r => r.QuorumReached);
            b.HasMany(r => r.Participants).WithOne().HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(r => r.Participants).UsePropertyAccessMode(PropertyAccessMode.Field);
            b.HasMany(r => r.Responses).WithOne().HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(r => r.Responses).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<RoundParticipant>(b =>
        {
            b.ToTable("RoundParticipants");
            b.HasKey(p => new { p.RoundId, p.PersonId });
        });

        modelBuilder.Entity<RoundResponse>(b =>
        {
            b.ToTable("RoundResponses");
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
            b.Property(r => r.Reason).HasMaxLength(ReviewRound.ReasonMaxLength);
            b.HasIndex(r => new { r.RoundId, r.PersonId });
        });

        modelBuilder.Entity<Acknowledgement>(b =>
        {
            b.ToTable("Acknowledgements");
            b.HasKey(a => new { a.CodexId, a.PersonId, a.VersionNumber });
        });
    }

    protected override IIntegrationEvent? ToIntegrationEvent(IDomainEvent domainEvent) => domainEvent switch
    {
        ReviewRoundOpened e => new ReviewRoundOpenedIntegrationEvent(Guid.NewGuid(), e.At, e.RoundId, e.CodexId),
        ReviewRoundClosed e => new ReviewRoundClosedIntegrationEvent(Guid.NewGuid(), e.At, e.RoundId, e.CodexId, e.Outcome.ToString()),
        CodexVersionPublished e => new CodexVersionPublishedIntegrationEvent(Guid.NewGuid(), e.At, e.CodexId, e.OrgUnitId, e.Number),
        _ => null,
    };

    // Sections are always read and written whole (a draft, a proposal, a version), so one JSON text column
    // per snapshot keeps the three providers identical and a version truly immutable.
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static void SectionsColumn(PropertyBuilder<IReadOnlyList<CodexSection>> property) =>
        property
            .HasConversion(
                sections => JsonSerializer.Serialize(sections, JsonOptions),
                json => JsonSerializer.Deserialize<List<CodexSection>>(json, JsonOptions) ?? new List<CodexSection>(),
                new ValueComparer<IReadOnlyList<CodexSection>>(
                    (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
                    s => s.Aggregate(0, (hash, section) => HashCode.Combine(hash, section.GetHashCode())),
                    s => s.ToList()))
            .IsRequired();

    private static void JsonColumn<T>(PropertyBuilder<IReadOnlyList<T>> property) =>
        property
            .HasConversion(
                items => JsonSerializer.Serialize(items, JsonOptions),
                json => JsonSerializer.Deserialize<List<T>>(json, JsonOptions) ?? new List<T>(),
                new ValueComparer<IReadOnlyList<T>>(
                    (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
                    s => s.Count,
                    s => s.ToList()))
            .IsRequired();
}

internal sealed class TeamCodexSqliteDbContext(DbContextOptions<TeamCodexSqliteDbContext> options) : TeamCodexDbContext(options);

internal sealed class TeamCodexPostgreSqlDbContext(DbContextOptions<TeamCodexPostgreSqlDbContext> options) : TeamCodexDbContext(options);

internal sealed class TeamCodexSqlServerDbContext(DbContextOptions<TeamCodexSqlServerDbContext> options) : TeamCodexDbContext(options);

internal sealed class TeamCodexSqliteDesignTimeFactory()
    : DesignTimeFactory<TeamCodexSqliteDbContext>(DatabaseProvider.Sqlite, TeamCodexDbContext.Module, TeamCodexDbContext.SchemaName);

internal sealed class TeamCodexPostgreSqlDesignTimeFactory()
    : DesignTimeFactory<TeamCodexPostgreSqlDbContext>(DatabaseProvider.PostgreSql, TeamCodexDbContext.Module, TeamCodexDbContext.SchemaName);

internal sealed class TeamCodexSqlServerDesignTimeFactory()
    : DesignTimeFactory<TeamCodexSqlServerDbContext>(DatabaseProvider.SqlServer, TeamCodexDbContext.Module, TeamCodexDbContext.SchemaName);
