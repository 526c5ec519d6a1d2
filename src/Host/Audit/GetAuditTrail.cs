using Codex.Host.Privacy;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Audit;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using Codex.Shared.Time;
using FluentValidation;
using MediatR;

namespace Codex.Host.Audit;

/// <summary>
/// The one audit trail, newest first, across every module: who did what, when, to whom, and who read whose individual
/// levels, gaps or progress. For administrators and the data protection officer; nobody can change an entry.
/// </summary>
/// <param name="From">First local day shown (the organisation's clock).</param>
/// <param name="To">Last local day shown.</param>
[RequiresRole(CodexRoles.Admin, CodexRoles.DataProtection)]
public sealed record GetAuditTrailQuery(
    Guid? PersonId = null, Guid? ActorPersonId = null, string? Module = null, DateOnly? From = null, DateOnly? To = null, int Page = 1, int PageSize = 50)
    : IRequest<AuditTrailPage>
{
    /// <summary>The deepest entry a reader can page or export to: each module hands over at most this many.</summary>
    public const int MaxEntries = 100_000;

    public AuditTrailFilter Filter => new(
        PersonId, ActorPersonId, Module,
        From is { } from ? OrganisationTime.EndOfDay(from.AddDays(-1)) : null,
        To is { } to ? OrganisationTime.EndOfDay(to) : null);
}

/// <param name="SubjectName">The person's current name; null when the entry is about no one or the person was erased.</param>
/// <param name="ActorName">The actor's current name, or the name stored with the entry when the person no longer exists.</param>
public sealed record AuditTrailRow(
    DateTimeOffset At, string Module, string Action, Guid? ActorPersonId, string ActorName, Guid? SubjectPersonId, string? SubjectName, string? Subject, string? Detail);

/// <param name="PersonName">The name of the person filtered by, for the page's heading.</param>
public sealed record AuditTrailPage(PagedResult<AuditTrailRow> Entries, string? PersonName, string? ActorName);

internal sealed class GetAuditTrailQueryValidator : AbstractValidator<GetAuditTrailQuery>
{
    public GetAuditTrailQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PagingExtensions.MaxPageSize);
        RuleFor(q => (long)q.Page * q.PageSize).LessThanOrEqualTo(GetAuditTrailQuery.MaxEntries).OverridePropertyName(nameof(GetAuditTrailQuery.Page));
        RuleFor(q => q.Module).Must(m => m is null || ModuleOrder.ForReaders.Contains(m)).WithErrorCode("Audit.ModuleUnknown");
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null);
    }
}

internal sealed class GetAuditTrailQueryHandler(IMediator mediator) : IRequestHandler<GetAuditTrailQuery, AuditTrailPage>
{
    public async Task<AuditTrailPage> Handle(GetAuditTrailQuery query, CancellationToken cancellationToken)
    {
        var (entries, total) = await AuditTrailReading.NewestAsync(mediator, query.Filter, query.Page * query.PageSize, cancellationToken);
        var page = entries.Skip((query.Page - 1) * query.PageSize).ToList();
        var rows = await AuditTrailReading.RowsAsync(mediator, page, [query.PersonId, query.ActorPersonId], cancellationToken);
        var names = rows.Names;
        return new AuditTrailPage(
            new PagedResult<AuditTrailRow>(rows.Rows, query.Page, query.PageSize, total),
            query.PersonId is { } p ? names.GetValueOrDefault(p) : null,
            query.ActorPersonId is { } a ? names.GetValueOrDefault(a) : null);
    }
}

/// <summary>Reading the trail, shared by the page and the export.</summary>
internal static class AuditTrailReading
{
    /// <summary>The newest <paramref name="count"/> entries of all modules together, and how many match in all.</summary>
    public static async Task<(IReadOnlyList<AuditTrailEntry> Entries, int Total)> NewestAsync(
        IMediator mediator, AuditTrailFilter filter, int count, CancellationToken cancellationToken)
    {
        var request = new AuditTrailRequested(filter, count);
        await mediator.Publish(request, cancellationToken);
        var entries = request.Entries
            .OrderByDescending(e => e.At).ThenBy(e => ModuleOrder.Of(e.Module)).ThenBy(e => e.Action, StringComparer.Ordinal)
            .Take(count).ToList();
        return (entries, request.Total);
    }

    /// <summary>The entries with today's names of the people in them (an erased person has none).</summary>
    public static async Task<(IReadOnlyList<AuditTrailRow> Rows, IReadOnlyDictionary<Guid, string> Names)> RowsAsync(
        IMediator mediator, IReadOnlyList<AuditTrailEntry> entries, IEnumerable<Guid?> alsoNamed, CancellationToken cancellationToken)
    {
        var ids = entries.SelectMany(e => new[] { e.ActorPersonId, e.SubjectPersonId }).Concat(alsoNamed).OfType<Guid>().Distinct().ToList();
        var names = ids.Count == 0
            ? new Dictionary<Guid, string>()
            : (await mediator.Send(new GetPeopleContactsQuery(ids), cancellationToken)).ToDictionary(c => c.PersonId, c => c.DisplayName);
        var rows = entries.Select(e => new AuditTrailRow(
            e.At, e.Module, e.Action, e.ActorPersonId,
            e.ActorPersonId is { } actor && names.TryGetValue(actor, out var actorName) ? actorName : e.ActorName,
            e.SubjectPersonId, e.SubjectPersonId is { } subject ? names.GetValueOrDefault(subject) : null,
            e.Subject, e.Detail)).ToList();
        return (rows, names);
    }
}

internal static class GetAuditTrailEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit", async (Guid? person, Guid? actor, string? module, DateOnly? from, DateOnly? to, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetAuditTrailQuery(person, actor, module, from, to, page ?? 1, pageSize ?? 50), ct)))
            .WithName("getAuditTrail")
            .WithSummary("List the audit trail of every module, newest first");
}
