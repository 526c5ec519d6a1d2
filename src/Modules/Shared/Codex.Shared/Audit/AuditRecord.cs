using Codex.Shared.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Codex.Shared.Audit;

/// <summary>
/// One entry of the audit trail: who (<see cref="ActorPersonId"/>) did what (<see cref="Action"/>, a stable key such as
/// "membership.added") to whom (<see cref="SubjectPersonId"/>) and when. Every module keeps its own entries in its own
/// schema (table "AuditTrail"), added to the same unit of work as the change, so a change without its entry cannot be
/// committed. The application never changes an entry: erasure forgets a person in it, retention deletes old ones.
/// </summary>
public sealed class AuditRecord
{
    public const int TextMaxLength = 400;

    private AuditRecord()
    {
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Null for the system itself (a job, an import's follow-up) and for a forgotten actor.</summary>
    public Guid? ActorPersonId { get; private set; }

    /// <summary>The actor's name when it happened; "system" for the system. Shown when the person no longer exists.</summary>
    public string ActorName { get; private set; } = "";

    public string Action { get; private set; } = "";

    /// <summary>The person the action was about or whose data was read; null for actions about no one person.</summary>
    public Guid? SubjectPersonId { get; private set; }

    /// <summary>What was acted on besides the person (a unit, a codex, a role), in the organisation's own words.</summary>
    public string? Subject { get; private set; }

    /// <summary>What changed (a role name, "alt → neu"), never personal data of someone other than the subject.</summary>
    public string? Detail { get; private set; }

    public static AuditRecord Of(DateTimeOffset at, ICurrentUser actor, string action, Guid? subjectPersonId, string? subject = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        return new AuditRecord
        {
            Id = Guid.NewGuid(),
            At = at,
            ActorPersonId = actor.PersonId,
            ActorName = Cut(actor.PersonId is null ? SystemActor : actor.Name ?? SystemActor),
            Action = action,
            SubjectPersonId = subjectPersonId,
            Subject = subject is null ? null : Cut(subject),
            Detail = detail is null ? null : Cut(detail),
        };
    }

    /// <summary>The actor name of background work and of calls without a signed-in person.</summary>
    public const string SystemActor = "system";

    /// <summary>The actor name left by erasure (the page shows "ehemalige:r Mitarbeiter:in").</summary>
    public const string ForgottenActor = "–";

    private static string Cut(string text) => text.Length > TextMaxLength ? text[..TextMaxLength] : text;
}

public static class AuditTrailModel
{
    public const string Table = "AuditTrail";

    /// <summary>Maps <see cref="AuditRecord"/> the same way in every module's DbContext (and the Host's accounts).</summary>
    public static void MapAuditTrail(this ModelBuilder modelBuilder, bool sqlite)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<AuditRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(r => r.Id);
            b.Property(r => r.ActorName).HasMaxLength(AuditRecord.TextMaxLength);
            b.Property(r => r.Action).HasMaxLength(80);
            b.Property(r => r.Subject).HasMaxLength(AuditRecord.TextMaxLength);
            b.Property(r => r.Detail).HasMaxLength(AuditRecord.TextMaxLength);
            b.HasIndex(r => r.At);
            b.HasIndex(r => r.SubjectPersonId);
            b.HasIndex(r => r.ActorPersonId);
            if (sqlite)
            {
                b.Property(r => r.At).HasConversion<DateTimeOffsetToBinaryConverter>();
            }
        });
    }

    /// <summary>
    /// Erasure (GDPR Art. 17): entries about the person go; where the person acted on others only the actor is
    /// forgotten, so the entry still says that something happened.
    /// </summary>
    public static async Task ForgetAsync(this DbSet<AuditRecord> trail, Guid erasedPersonId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trail);
        await trail.Where(r => r.SubjectPersonId == erasedPersonId).ExecuteDeleteAsync(cancellationToken);
        await trail.Where(r => r.ActorPersonId == erasedPersonId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ActorPersonId, (Guid?)null).SetProperty(r => r.ActorName, AuditRecord.ForgottenActor), cancellationToken);
    }
}
