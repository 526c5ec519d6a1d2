using MediatR;

namespace Codex.Modules.Organization.Contracts;

/// <summary>
/// Seeds the demo welfare association when the organisation is still empty; returns null when
/// there already is one. The Host creates the demo accounts for the returned people.
/// </summary>
public sealed record SeedDemoOrganizationCommand : IRequest<DemoOrganizationSeeded?>;

public sealed record DemoOrganizationSeeded(Guid OrganisationId, DemoPerson Admin, DemoPerson HumanResources, DemoPerson TeamLead, DemoPerson Member);

public sealed record DemoPerson(Guid PersonId, string DisplayName, string Email);
