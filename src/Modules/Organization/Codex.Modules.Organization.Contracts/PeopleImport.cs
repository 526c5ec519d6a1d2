using MediatR;

namespace Codex.Modules.Organization.Contracts;

/// <summary>
/// The people an import could mean: those with one of the staff numbers or one of the email
/// addresses (compared case-insensitively), with their current memberships. One answer for the
/// whole file, loaded with a few set-based queries.
/// </summary>
public sealed record FindPeopleForImportQuery(IReadOnlyCollection<string> StaffNumbers, IReadOnlyCollection<string> Emails)
    : IRequest<IReadOnlyList<ImportCandidate>>;

public sealed record ImportCandidate(
    Guid PersonId,
    string? StaffNumber,
    string FirstName,
    string LastName,
    string Email,
    string PreferredLanguage,
    bool IsActive,
    IReadOnlyList<UnitMembership> Memberships);

/// <summary>
/// Applies a validated people import in one transaction: creates the new people, changes the
/// details of existing ones, puts each row's person into its unit (leaving every other unit: a
/// move) with its lead flag, and marks people as left — all through the domain, so PersonJoined,
/// MembershipChanged and PersonLeft reach every module through the outbox. The sender (the Host's
/// import) has checked every row; a concurrent change in between surfaces as a domain error or a conflict.
/// </summary>
public sealed record ApplyPeopleImportCommand(IReadOnlyList<ImportedPerson> People) : IRequest<PeopleImportApplied>;

/// <param name="PersonId">The existing person's id, or the id to give a new person.</param>
/// <param name="IsNew">Create the person (else update the existing one).</param>
/// <param name="UnitId">The unit the person belongs to after the import; null leaves memberships as they are.</param>
/// <param name="IsLead">Whether the person leads <paramref name="UnitId"/>.</param>
/// <param name="Left">The person has left: deactivated, nothing else changes.</param>
public sealed record ImportedPerson(
    Guid PersonId,
    bool IsNew,
    string? StaffNumber,
    string FirstName,
    string LastName,
    string Email,
    string PreferredLanguage,
    Guid? UnitId,
    bool IsLead,
    bool Left);

/// <param name="CreatedPersonIds">The new people, e.g. for sending them invitations after the import.</param>
public sealed record PeopleImportApplied(int Created, int Updated, int Moved, int Left, IReadOnlyList<Guid> CreatedPersonIds);
