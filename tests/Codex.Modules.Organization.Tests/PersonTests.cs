using Codex.Modules.Organization.Domain;
using Codex.Shared.Domain;

namespace Codex.Modules.Organization.Tests;

public sealed class PersonTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_person_is_active_and_announced()
    {
        var person = Person.Create(Guid.NewGuid(), " Anna ", "Schmidt", "Anna.Schmidt@Example.org ", "de", Now);

        Assert.True(person.IsActive);
        Assert.Equal("Anna Schmidt", person.DisplayName);
        Assert.Equal("anna.schmidt@example.org", person.NormalizedEmail);
        var joined = Assert.IsType<PersonJoined>(Assert.Single(person.DomainEvents));
        Assert.Equal(person.Id, joined.PersonId);
    }

    [Fact]
    public void A_staff_number_is_trimmed_a_blank_one_clears_it_and_an_overlong_one_is_refused()
    {
        var person = Person.Create(Guid.NewGuid(), "Anna", "Schmidt", "anna@example.org", "de", Now);

        person.SetStaffNumber(" 004711 ");
        Assert.Equal("004711", person.StaffNumber);
        person.SetStaffNumber("  ");
        Assert.Null(person.StaffNumber);
        var error = Assert.Throws<DomainException>(() => person.SetStaffNumber(new string('1', Person.StaffNumberMaxLength + 1)));
        Assert.Equal("Org.StaffNumberTooLong", error.MessageKey);
    }

    [Fact]
    public void Only_german_and_english_are_supported_languages()
    {
        var error = Assert.Throws<DomainException>(() => Person.Create(Guid.NewGuid(), "A", "B", "a@b.de", "fr", Now));
        Assert.Equal("Org.UnknownLanguage", error.MessageKey);
    }

    [Fact]
    public void Leaving_the_organisation_is_announced_once()
    {
        var person = Person.Create(Guid.NewGuid(), "Anna", "Schmidt", "a@b.de", "de", Now);
        person.ClearDomainEvents();

        person.Deactivate(Now);
        person.Deactivate(Now);

        Assert.False(person.IsActive);
        Assert.IsType<PersonLeft>(Assert.Single(person.DomainEvents));
    }

    [Fact]
    public void Coming_back_makes_the_person_active_again_and_is_announced_once()
    {
        var person = Person.Create(Guid.NewGuid(), "Anna", "Schmidt", "a@b.de", "de", Now);
        person.Deactivate(Now);
        person.ClearDomainEvents();

        person.Reactivate(Now.AddDays(30));
        person.Reactivate(Now.AddDays(31));

        Assert.True(person.IsActive);
        var returned = Assert.IsType<PersonReturned>(Assert.Single(person.DomainEvents));
        Assert.Equal((person.Id, Now.AddDays(30)), (returned.PersonId, returned.At));
    }

    [Fact]
    public void Reactivating_someone_who_never_left_changes_nothing()
    {
        var person = Person.Create(Guid.NewGuid(), "Anna", "Schmidt", "a@b.de", "de", Now);
        person.ClearDomainEvents();

        person.Reactivate(Now);

        Assert.True(person.IsActive);
        Assert.Empty(person.DomainEvents);
    }

    [Fact]
    public void A_person_can_leave_again_after_coming_back()
    {
        var person = Person.Create(Guid.NewGuid(), "Anna", "Schmidt", "a@b.de", "de", Now);
        person.Deactivate(Now);
        person.Reactivate(Now.AddDays(1));
        person.ClearDomainEvents();

        person.Deactivate(Now.AddDays(2));

        Assert.False(person.IsActive);
        Assert.IsType<PersonLeft>(Assert.Single(person.DomainEvents));
    }
}
