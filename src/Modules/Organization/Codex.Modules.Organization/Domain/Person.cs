using Codex.Shared.Domain;

namespace Codex.Modules.Organization.Domain;

/// <summary>Someone who works in the organisation. Accounts (sign-in) link to a person.</summary>
public sealed class Person : AggregateRoot
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int StaffNumberMaxLength = 50;

    public static readonly IReadOnlyList<string> Languages = ["de", "en"];

    private Person()
    {
    }

    public string FirstName { get; private set; } = "";

    public string LastName { get; private set; } = "";

    public string Email { get; private set; } = "";

    /// <summary>Lower-cased copy for case-insensitive search and uniqueness on every provider.</summary>
    public string NormalizedEmail { get; private set; } = "";

    public string PreferredLanguage { get; private set; } = "de";

    /// <summary>The HR system's staff number (Personalnummer), unique when set; imports match by it first.</summary>
    public string? StaffNumber { get; private set; }

    public bool IsActive { get; private set; } = true;

    public DateTimeOffset CreatedAt { get; private set; }

    public string DisplayName => $"{FirstName} {LastName}";

    public static Person Create(Guid id, string firstName, string lastName, string email, string preferredLanguage, DateTimeOffset now)
    {
        var person = new Person { Id = id, CreatedAt = now };
        person.ChangeDetails(firstName, lastName, email, preferredLanguage);
        person.Raise(new PersonJoined(id, person.DisplayName, person.Email, person.PreferredLanguage, now));
        return person;
    }

    public void ChangeDetails(string firstName, string lastName, string email, string preferredLanguage)
    {
        if (!Languages.Contains(preferredLanguage))
        {
            throw new DomainException("Org.UnknownLanguage", "The preferred language must be German (de) or English (en).");
        }

        FirstName = firstName.Trim();
        LastName = lastName.Trim();
        Email = email.Trim();
        NormalizedEmail = Email.ToLowerInvariant();
        PreferredLanguage = preferredLanguage;
    }

    /// <summary>Sets or clears the staff number (blank clears it).</summary>
    public void SetStaffNumber(string? staffNumber)
    {
        var value = staffNumber?.Trim();
        if (value?.Length > StaffNumberMaxLength)
        {
            throw new DomainException("Org.StaffNumberTooLong", $"A staff number has at most {StaffNumberMaxLength} characters.");
        }

        StaffNumber = string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The person left the organisation; the record stays for the audit trail.</summary>
    public void Deactivate(DateTimeOffset now)
    {
        if (!IsActive)
        {
            return;
        }

        IsActive = false;
        Raise(new PersonLeft(Id, now));
    }

    /// <summary>
    /// The person came back. Their memberships were kept while they were away, so they are members of
    /// the same units again; the other modules count them again from <see cref="PersonReturned"/>.
    /// </summary>
    public void Reactivate(DateTimeOffset now)
    {
        if (IsActive)
        {
            return;
        }

        IsActive = true;
        Raise(new PersonReturned(Id, now));
    }

    /// <summary>
    /// Erasure (GDPR Art. 17) of a person who has left: the row goes, every module forgets them on
    /// <see cref="PersonErased"/>, and what they wrote stays under <paramref name="anonymousId"/>, an id nobody knows.
    /// </summary>
    public void Erase(Guid anonymousId, DateTimeOffset now)
    {
        if (IsActive)
        {
            throw new DomainException("Org.EraseActive", "Only a person who has left can be erased; mark them as left first.");
        }

        Raise(new PersonErased(Id, anonymousId, now));
    }
}

public sealed record PersonJoined(Guid PersonId, string DisplayName, string Email, string PreferredLanguage, DateTimeOffset At) : IDomainEvent;

public sealed record PersonLeft(Guid PersonId, DateTimeOffset At) : IDomainEvent;

public sealed record PersonReturned(Guid PersonId, DateTimeOffset At) : IDomainEvent;

public sealed record PersonErased(Guid PersonId, Guid AnonymousId, DateTimeOffset At) : IDomainEvent;

/// <summary>That a person was erased, when and by whom: nothing about the person (GDPR Art. 5(2) accountability).</summary>
public sealed class Erasure(Guid id, DateTimeOffset at, Guid? erasedBy)
{
    public Guid Id { get; private set; } = id;

    public DateTimeOffset At { get; private set; } = at;

    public Guid? ErasedBy { get; private set; } = erasedBy;
}
