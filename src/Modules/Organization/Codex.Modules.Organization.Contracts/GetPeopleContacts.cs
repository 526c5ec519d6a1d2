using MediatR;

namespace Codex.Modules.Organization.Contracts;

/// <summary>How to reach people: for modules that contact them (Notifications). Unknown ids are left out.</summary>
public sealed record GetPeopleContactsQuery(IReadOnlyCollection<Guid> PersonIds) : IRequest<IReadOnlyList<PersonContact>>;

public sealed record PersonContact(Guid PersonId, string DisplayName, string Email, string PreferredLanguage, bool IsActive);
