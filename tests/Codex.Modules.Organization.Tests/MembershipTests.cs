using Codex.Modules.Organization.Contracts;
using Codex.Modules.Organization.Domain;
using Codex.Shared.Domain;

namespace Codex.Modules.Organization.Tests;

public sealed class MembershipTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Joining_a_unit_raises_a_membership_event()
    {
        var (unit, person) = (Guid.NewGuid(), Guid.NewGuid());

        var membership = Membership.Join(unit, person, isLead: true, current: null, Now);

        Assert.Equal((unit, person, true, Now), (membership.OrgUnitId, membership.PersonId, membership.IsLead, membership.Since));
        var raised = Assert.IsType<MembershipChanged>(Assert.Single(membership.DomainEvents));
        Assert.Equal(new MembershipChanged(unit, person, MembershipChange.Joined, true, Now), raised);
    }

    [Fact]
    public void A_person_joins_a_unit_only_once_and_a_second_join_is_a_conflict()
    {
        var current = Membership.Join(Guid.NewGuid(), Guid.NewGuid(), isLead: false, current: null, Now);

        var error = Assert.Throws<DomainException>(() => Membership.Join(current.OrgUnitId, current.PersonId, isLead: false, current, Now));

        Assert.Equal("Org.AlreadyMember", error.MessageKey);
        Assert.True(error.IsConflict);
    }

    [Fact]
    public void Leaving_and_lead_changes_raise_events_and_unchanged_leads_raise_none()
    {
        var membership = Membership.Join(Guid.NewGuid(), Guid.NewGuid(), isLead: false, current: null, Now);
        membership.ClearDomainEvents();

        membership.SetLead(false, Now);
        Assert.Empty(membership.DomainEvents);

        membership.SetLead(true, Now);
        Assert.True(membership.IsLead);
        membership.Leave(Now);

        Assert.Equal(
            [(MembershipChange.LeadChanged, true), (MembershipChange.Left, false)],
            membership.DomainEvents.Cast<MembershipChanged>().Select(e => (e.Change, e.IsLead)));
    }

    [Fact]
    public void A_change_of_a_membership_that_does_not_exist_is_a_broken_rule_not_a_conflict()
    {
        var error = Membership.NotAMember();

        Assert.Equal("Org.NotAMember", error.MessageKey);
        Assert.False(error.IsConflict);
    }
}
