using System.Globalization;
using Codex.Host.Audit;
using Codex.Host.Privacy;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Host.Pages.Admin;

/// <summary>
/// The audit trail of every module for administrators and the data protection officer: filtered by the person an entry
/// is about, by who acted, by module and by local days, paged, and downloadable as CSV or JSON. Read-only.
/// </summary>
[Authorize(Roles = $"{CodexRoles.Admin},{CodexRoles.DataProtection}")]
internal sealed class AuditModel(IMediator mediator) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public Guid? Person { get; set; }

    /// <summary>A typed name, resolved to <see cref="Person"/> when exactly one person has it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? PersonName { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ActorName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Module { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)] // "page" is the Razor Pages route value and would win
    public int PageNumber { get; set; } = 1;

    public AuditTrailPage? Trail { get; private set; }

    /// <summary>Several people match a typed name: the reader picks one.</summary>
    public IReadOnlyList<PersonName> PersonChoices { get; private set; } = [];

    public IReadOnlyList<PersonName> ActorChoices { get; private set; } = [];

    /// <summary>A typed name nobody has (the resource key of the message).</summary>
    public string? NameNotFound { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public static IReadOnlyList<string> Modules => ModuleOrder.ForReaders;

    public async Task OnGetAsync(CancellationToken ct)
    {
        (Person, PersonChoices) = await ResolveAsync(Person, PersonName, "Audit.PersonNotFound", ct);
        (Actor, ActorChoices) = await ResolveAsync(Actor, ActorName, "Audit.ActorNotFound", ct);
        if (PersonChoices.Count > 0 || ActorChoices.Count > 0 || NameNotFound is not null)
        {
            return;
        }

        try
        {
            Trail = await mediator.Send(Query(Math.Max(1, PageNumber)), ct);
            PersonName = Trail.PersonName ?? PersonName;
            ActorName = Trail.ActorName ?? ActorName;
        }
        catch (ValidationException ex)
        {
            Problems = [.. ex.Errors.Select(e => e.ErrorMessage).Distinct()];
        }
    }

    public GetAuditTrailQuery Query(int page) =>
        new(Person, Actor, string.IsNullOrEmpty(Module) ? null : Module, From, To, page, PageSize);

    /// <summary>This page's filter as a query string, with <paramref name="extra"/> on top (a page number, a format).</summary>
    public string Link(string path, params (string Key, string? Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["person"] = Person?.ToString(),
            ["actor"] = Actor?.ToString(),
            ["module"] = string.IsNullOrEmpty(Module) ? null : Module,
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra)
        {
            values[key] = value;
        }

        return path + QueryString.Create(values.Where(v => v.Value is not null)).ToUriComponent();
    }

    public string PageLink(int page) => Link("/admin/audit", ("p", page.ToString(CultureInfo.InvariantCulture)));

    private async Task<(Guid? Id, IReadOnlyList<PersonName> Choices)> ResolveAsync(Guid? id, string? name, string notFound, CancellationToken ct)
    {
        if (id is not null || string.IsNullOrWhiteSpace(name))
        {
            return (id, []);
        }

        var found = await mediator.Send(new FindPeopleByNameQuery(name.Length > 100 ? name[..100] : name), ct);
        switch (found.Count)
        {
            case 0:
                NameNotFound = notFound;
                return (null, []);
            case 1:
                return (found[0].PersonId, []);
            default:
                return (null, found);
        }
    }
}
