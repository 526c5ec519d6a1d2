using Codex.Modules.TeamCodex.Domain;
using Codex.Shared.Domain;

namespace Codex.Modules.TeamCodex.Tests;

/// <summary>Builds codices, proposals and rounds in a known state for the specifications.</summary>
internal static class CodexFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    public static readonly Guid Lead = Guid.NewGuid();

    public static readonly Guid Member = Guid.NewGuid();

    public static readonly Guid OtherMember = Guid.NewGuid();

    public static UnitCodex Team() => UnitCodex.Create(Guid.NewGuid(), isTeam: true, Lead, Now, Guid.NewGuid).Codex;

    public static UnitCodex Department() => UnitCodex.Create(Guid.NewGuid(), isTeam: false, Lead, Now, Guid.NewGuid).Codex;

    public static CodexSection Section(string title, string markdown, bool binding = false) => new(Guid.NewGuid(), title, markdown, binding);

    /// <summary>Saves the draft on its current revision, as a member (not allowed to touch binding sections).</summary>
    public static DraftRevision Save(this UnitCodex codex, IEnumerable<CodexSection> sections, bool asLead = false) =>
        codex.SaveDraft(sections, codex.DraftRevision, asLead ? Lead : Member, asLead, Now);

    /// <summary>Changes the text of the first section so the draft differs from what it was.</summary>
    public static void EditFirstSection(this UnitCodex codex, string markdown) =>
        codex.Save([codex.Draft[0] with { Markdown = markdown }, .. codex.Draft.Skip(1)]);

    public static ChangeProposal Propose(UnitCodex codex, IReadOnlyList<CodexSection>? inForce = null) =>
        ChangeProposal.Propose(Guid.NewGuid(), codex, "Übergaben schriftlich", "Mündliche Übergaben gehen verloren.", inForce ?? [], Member, Now);

    public static ReviewRound OpenRound(UnitCodex codex, ChangeProposal? proposal, params Guid[] participants) =>
        codex.OpenRound(Guid.NewGuid(), proposal?.Id, proposal?.Revision ?? 0, participants.Length == 0 ? [Lead, Member, OtherMember] : participants,
            Today.AddDays(14), Lead, Now);

    public static DomainException Refused(Action action) => Assert.Throws<DomainException>(action);
}
