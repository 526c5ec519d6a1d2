using Codex.Modules.Organization.Features.People;
using Codex.Shared.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity.Features.ListAccounts;

/// <summary>People with where they stand with sign-in: no account, invited (when, expired?), active, deactivated; and their account roles.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record ListAccountsQuery(string? Search = null, Guid? UnitId = null, int Page = 1, int PageSize = 25) : IRequest<AccountList>;

public sealed record AccountListItem(
    Guid PersonId, string Name, string? Email, bool PersonIsActive, AccountStatus Status,
    DateTimeOffset? InvitedAt, bool InvitationExpired, bool IsAdmin, bool IsHr, bool TwoFactorEnabled = false, bool IsDataProtection = false);

public sealed record AccountList(PagedResult<AccountListItem> People, IReadOnlyDictionary<AccountStatus, int> AccountsByStatus);

internal sealed class ListAccountsQueryValidator : AbstractValidator<ListAccountsQuery>
{
    public ListAccountsQueryValidator()
    {
        RuleFor(q => q.Search).MaximumLength(100);
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
    }
}

internal sealed class ListAccountsQueryHandler(CodexIdentityDbContext db, IMediator mediator, ILookupNormalizer normalizer, TimeProvider clock)
    : IRequestHandler<ListAccountsQuery, AccountList>
{
    public async Task<AccountList> Handle(ListAccountsQuery query, CancellationToken ct)
    {
        var people = await mediator.Send(new ListPeopleQuery(query.Search, query.UnitId, query.Page, query.PageSize), ct);
        var ids = people.Items.Select(p => p.Id).ToList();
        var accounts = await db.Users.AsNoTracking().Where(a => ids.Contains(a.PersonId)).ToListAsync(ct);
        var accountIds = accounts.Select(a => a.Id).ToList();
        var roles = await db.UserRoles.AsNoTracking()
            .Where(ur => accountIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.NormalizedName })
            .ToListAsync(ct);
        var latestInvitations = (await db.Invitations.AsNoTracking().Where(i => accountIds.Contains(i.AccountId)).ToListAsync(ct))
            .GroupBy(i => i.AccountId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.CreatedAt).First());

        var now = clock.GetUtcNow();
        var admin = normalizer.NormalizeName(CodexRoles.Admin);
        var hr = normalizer.NormalizeName(CodexRoles.HR);
        var dataProtection = normalizer.NormalizeName(CodexRoles.DataProtection);
        var byPerson = accounts.ToDictionary(a => a.PersonId);
        var items = people.Items.Select(p =>
        {
            if (!byPerson.TryGetValue(p.Id, out var account))
            {
                return new AccountListItem(p.Id, $"{p.FirstName} {p.LastName}", p.Email, p.IsActive, AccountStatus.None, null, false, false, false);
            }

            var invitation = latestInvitations.GetValueOrDefault(account.Id);
            return new AccountListItem(
                p.Id, $"{p.FirstName} {p.LastName}", p.Email, p.IsActive, account.Status,
                invitation?.CreatedAt, account.Status == AccountStatus.Invited && invitation?.StateAt(now) == InvitationState.Expired,
                roles.Any(r => r.UserId == account.Id && r.NormalizedName == admin),
                roles.Any(r => r.UserId == account.Id && r.NormalizedName == hr),
                account.TwoFactorEnabled,
                roles.Any(r => r.UserId == account.Id && r.NormalizedName == dataProtection));
        }).ToList();

        var totals = (await db.Users.AsNoTracking()
                .GroupBy(a => new { Deactivated = a.DeactivatedAt != null, Activated = a.ActivatedAt != null })
                .Select(g => new { g.Key.Deactivated, g.Key.Activated, Count = g.Count() })
                .ToListAsync(ct))
            .GroupBy(g => g.Deactivated ? AccountStatus.Deactivated : g.Activated ? AccountStatus.Active : AccountStatus.Invited)
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        return new AccountList(new PagedResult<AccountListItem>(items, people.Page, people.PageSize, people.TotalCount), totals);
    }
}

internal static class ListAccountsEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts", async (string? search, Guid? unitId, int? page, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListAccountsQuery(search, unitId, page ?? 1), ct)))
            .WithName("listAccounts")
            .WithSummary("List people with their sign-in status and account roles");
}
