using Codex.Modules.Organization.Contracts;
using Codex.Modules.TeamCodex.Contracts;
using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Demo;

/// <summary>
/// The demo organisation's codex, decided the regular way (draft, proposal, round with everyone's
/// consent, publication), so every team shows its binding sections from the start.
/// </summary>
internal sealed class SeedDemoCodexCommandHandler(TeamCodexDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<SeedDemoCodexCommand, bool>
{
    public async Task<bool> Handle(SeedDemoCodexCommand command, CancellationToken ct)
    {
        if (await db.Codices.AnyAsync(ct))
        {
            return false;
        }

        var organisation = (await mediator.Send(new GetOrgUnitsQuery(), ct)).FirstOrDefault(u => u.Level == OrgUnitLevel.Organisation);
        if (organisation is null)
        {
            return false;
        }

        var members = await mediator.Send(new GetUnitMembershipsQuery([organisation.Id]), ct);
        var lead = members.FirstOrDefault(m => m.IsLead) ?? members.FirstOrDefault();
        if (lead is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var (codex, first) = UnitCodex.Create(organisation.Id, isTeam: false, lead.PersonId, now, Guid.NewGuid);
        var sections = codex.Draft
            .Select(s => s.Title == "Zweck"
                ? s with { Markdown = "Diese Leitlinien gelten für alle Bereiche und Teams des Sozialwerks. Teams ergänzen sie in ihrem eigenen Kodex." }
                : s)
            .Append(new CodexSection(Guid.NewGuid(), "Messenger und Kontakt mit Klient:innen",
                "- Für dienstliche Nachrichten nutzen wir ausschließlich den freigegebenen Messenger auf den Diensthandys.\n" +
                "- WhatsApp und private Messenger sind für den Kontakt mit Klient:innen nicht erlaubt.\n" +
                "- Gesundheitsdaten schicken wir nie per Messenger, sondern dokumentieren sie in der Pflegedokumentation.", true))
            .Append(new CodexSection(Guid.NewGuid(), "Mobile Geräte und Datenschutz",
                "Tablets und Diensthandys sind mit PIN gesperrt. Geht ein Gerät verloren, melden wir das sofort der IT (Durchwahl 120).", true))
            .ToList();
        var revision = codex.SaveDraft(sections, codex.DraftRevision, lead.PersonId, authorMayEditBinding: true, now);
        var proposal = ChangeProposal.Propose(Guid.NewGuid(), codex, "Erste Fassung der Leitlinien", "Die bisher mündlichen Absprachen schriftlich festhalten.", [], lead.PersonId, now);
        var round = codex.OpenRound(Guid.NewGuid(), proposal.Id, proposal.Revision, members.Select(m => m.PersonId).ToList(), OrganisationTime.Today(now).AddDays(14), lead.PersonId, now);
        foreach (var member in members)
        {
            round.Respond(member.PersonId, ResponseKind.Consent, null, now);
        }

        codex.CloseRound(round, now);
        var version = codex.Publish(proposal, round, "Erste Fassung.", lead.PersonId, now);

        // Demo data, not a real decision: nobody gets mail about it.
        round.ClearDomainEvents();
        codex.ClearDomainEvents();
        db.AddRange(codex, first, revision, proposal, round, version);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
