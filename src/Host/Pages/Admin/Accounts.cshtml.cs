using System.Globalization;
using Codex.Host.Identity;
using Codex.Host.Web;
using Codex.Shared.Time;
using Codex.Host.Identity.Features.ChangeAccountRole;
using Codex.Host.Identity.Features.InvitePeople;
using Codex.Host.Identity.Features.ListAccountAudit;
using Codex.Host.Identity.Features.ListAccounts;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Pages.Admin;

/// <summary>Who has an account, who is invited, who may do what; invitations and account rights.</summary>
[Authorize(Roles = $"{CodexRoles.Admin},{CodexRoles.HR}")]
internal sealed class AccountsModel(IMediator mediator, AccountInvitations invitations, IStringLocalizer<SharedTexts> texts) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? UnitId { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)] // "page" is the Razor Pages route value and would win
    public int PageNumber { get; set; } = 1;

    public AccountList? Accounts { get; private set; }

    public IReadOnlyList<AccountAuditEntry> Audit { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Problem { get; private set; }

    public int ValidDays => invitations.ValidDays;

    public bool IsAdmin => User.IsInRole(CodexRoles.Admin);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        Problem = TempData["Problem"] as string;
        var search = Search?.Length > 100 ? Search[..100] : Search;
        Accounts = await mediator.Send(new ListAccountsQuery(search, UnitId, Math.Max(1, PageNumber), PageSize), ct);
        if (IsAdmin)
        {
            Audit = await mediator.Send(new ListAccountAuditQuery(), ct);
        }
    }

    /// <summary>The selected people, or one person from their row's button; also posted by the people list.</summary>
    public async Task<IActionResult> OnPostInviteAsync(List<Guid>? personIds, Guid? personId, string? returnUrl, CancellationToken ct)
    {
        var ids = personId is { } one ? [one] : (personIds ?? []).Where(id => id != Guid.Empty).Distinct().Take(5000).ToList();
        if (ids.Count == 0)
        {
            TempData["Problem"] = texts["Accounts.NothingSelected"].Value;
            return Back(returnUrl);
        }

        TempData["Message"] = OutcomeText(await mediator.Send(new InvitePeopleCommand(PersonIds: ids), ct));
        return Back(returnUrl);
    }

    /// <summary>Everyone of a unit without an account; posted by the unit page.</summary>
    public async Task<IActionResult> OnPostInviteUnitAsync(Guid unitId, CancellationToken ct)
    {
        try
        {
            TempData["Message"] = OutcomeText(await mediator.Send(new InvitePeopleCommand(UnitId: unitId), ct));
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        return Redirect($"/admin/accounts?unitId={unitId}");
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid personId, string role, bool grant, string? returnUrl, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new ChangeAccountRoleCommand(personId, role ?? "", grant), ct);
            TempData["Message"] = texts["Accounts.RoleChanged"].Value;
        }
        catch (DomainException ex)
        {
            TempData["Problem"] = texts[ex.MessageKey].Value;
        }
        catch (Exception ex) when (ex is NotFoundException or FluentValidation.ValidationException)
        {
            return NotFound();
        }

        return Back(returnUrl);
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(Guid personId, string? returnUrl, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new Codex.Host.Identity.Features.ResetTwoFactor.ResetTwoFactorCommand(personId), ct);
            TempData["Message"] = texts["Accounts.TwoFactorResetDone"].Value;
        }
        catch (Exception ex) when (ex is NotFoundException or FluentValidation.ValidationException)
        {
            return NotFound();
        }

        return Back(returnUrl);
    }

    /// <summary>Ends every session of the person's account (audited); admins only.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync(Guid personId, string? returnUrl, CancellationToken ct)
    {
        try
        {
            var ended = await mediator.Send(new Codex.Host.Identity.Features.SignOutEverywhere.SignOutEverywhereCommand(personId), ct);
            TempData["Message"] = texts["Accounts.SignedOutEverywhere", ended].Value;
        }
        catch (Exception ex) when (ex is NotFoundException or FluentValidation.ValidationException)
        {
            return NotFound();
        }

        return Back(returnUrl);
    }

    public string StatusText(AccountListItem item) => item.Status switch
    {
        AccountStatus.None => texts["Accounts.Status.None"],
        AccountStatus.Invited when item.InvitationExpired => texts["Accounts.Status.Expired", LocalDate(item.InvitedAt)],
        AccountStatus.Invited => texts["Accounts.Status.Invited", LocalDate(item.InvitedAt)],
        AccountStatus.Active => texts["Accounts.Status.Active"],
        _ => texts["Accounts.Status.Deactivated"],
    };

    public string ActionText(AccountAuditEntry entry) =>
        texts[$"Accounts.Action.{entry.Action}", entry.Detail.Length > 0 ? texts[$"Role.{entry.Detail}"].Value : ""];

    public string PageLink(int page) =>
        "/admin/accounts" + QueryString.Create(new Dictionary<string, string?>
        {
            ["search"] = Search,
            ["unitId"] = UnitId?.ToString(),
            ["p"] = page.ToString(CultureInfo.InvariantCulture),
        }).ToUriComponent();

    public string CurrentLink => PageLink(Accounts?.People.Page ?? 1);

    /// <summary>A moment in the organisation's time zone, as a date in the reader's culture.</summary>
    public static string LocalDate(DateTimeOffset? at) =>
        at is { } value ? value.LocalDate() : "";

    public static string LocalTime(DateTimeOffset at) =>
        at.LocalDateTime();

    private string OutcomeText(InvitationOutcome o) =>
        texts["Accounts.Outcome", o.Invited, o.Resent, o.AlreadyActive, o.NotActive, o.EmailInUse].Value;

    private IActionResult Back(string? returnUrl) =>
        Redirect(returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/admin/accounts");
}
