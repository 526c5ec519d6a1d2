using MediatR;

namespace Codex.Modules.Organization.Contracts;

/// <summary>
/// People whose name contains <paramref name="Term"/> (case-insensitive), at most <paramref name="Max"/>, by name:
/// for pages that let someone pick a person by typing (the audit trail's person filter). Names only, never addresses.
/// </summary>
public sealed record FindPeopleByNameQuery(string Term, int Max = 20) : IRequest<IReadOnlyList<PersonName>>;

public sealed record PersonName(Guid PersonId, string DisplayName);
