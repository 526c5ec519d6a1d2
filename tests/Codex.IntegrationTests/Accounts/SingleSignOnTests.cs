using System.Net;
using Codex.Host.Identity;
using Codex.Host.Identity.Features.SignInWithProvider;
using Codex.IntegrationTests.Infrastructure;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using Codex.Testing;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests.Accounts;

/// <summary>
/// Single sign-on's rules for who the provider's user is in Codex: linked by verified email to an
/// active person (account created just in time), roles from the group mapping at every sign-in,
/// refusals for unverified or unknown addresses and for people who left; with local passwords
/// switched off, the password forms are gone.
/// </summary>
public abstract class SingleSignOnTests(DatabaseProvider provider, PostgresFixture postgres) : IAsyncLifetime
{
    private const string Jonas = "jonas.becker@sozialwerk-rheinaue.example";
    private CodexApplicationFactory? _factory;

    private CodexApplicationFactory Factory => _factory!;

    public async Task InitializeAsync()
    {
        _factory = await CodexApplicationFactory.ForAsync(provider, provider == DatabaseProvider.PostgreSql ? postgres.Cluster : null);
        _factory.Quiet();
        _factory.Settings["Jobs:RunServer"] = "false";
        // The linking rules never reach the provider: its address only switches single sign-on on.
        _factory.Settings["Security:Oidc:Authority"] = "http://127.0.0.1:9/";
        _factory.Settings["Security:Oidc:ClientId"] = "codex";
        _factory.Settings["Security:Oidc:RequireHttpsMetadata"] = "false";
        _factory.Settings["Security:Oidc:DisplayName"] = "Sozialwerk-Login";
        _factory.Settings["Security:Oidc:RoleMapping:codex-hr"] = CodexRoles.HR;
        _factory.Settings["Security:Oidc:LocalPasswords"] = "false";
        _ = _factory.Services;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    [Fact]
    public async Task The_first_sign_in_of_a_person_without_account_creates_it_linked_to_the_provider_and_the_next_one_uses_it()
    {
        Assert.Null(await AccountOfAsync(Jonas));

        var first = await SignInAsync("sub-jonas", Jonas.ToUpperInvariant(), verified: true);

        Assert.Null(first.Refusal);
        var account = await AccountOfAsync(Jonas);
        Assert.NotNull(account);
        Assert.Equal(first.AccountId, account.Id);
        Assert.Equal(AccountStatus.Active, account.Status);
        Assert.Equal("Jonas Becker", account.DisplayName);
        Assert.Equal([CodexRoles.Member], await RolesOfAsync(account));
        Assert.Equal(account.Id, (await LinkedAccountAsync("sub-jonas"))?.Id);
        Assert.Equal(
            [AccountAuditAction.CreatedBySingleSignOn, AccountAuditAction.LinkedToSingleSignOn],
            await AuditOfAsync(account.PersonId));

        // The provider's subject decides from now on, even when the address there changes.
        var again = await SignInAsync("sub-jonas", "jonas@elsewhere.example", verified: false);
        Assert.Equal(account.Id, again.AccountId);
        Assert.Equal(2, (await AuditOfAsync(account.PersonId)).Count);
    }

    [Fact]
    public async Task An_existing_account_is_linked_by_its_verified_email_and_keeps_its_password_login_row()
    {
        var before = await AccountOfAsync(DemoLogins.Member);
        Assert.NotNull(before);

        var result = await SignInAsync("sub-mehmet", DemoLogins.Member, verified: true);

        Assert.Equal(before.Id, result.AccountId);
        Assert.Equal(before.Id, (await LinkedAccountAsync("sub-mehmet"))?.Id);
        Assert.Contains(AccountAuditAction.LinkedToSingleSignOn, await AuditOfAsync(before.PersonId));
    }

    [Fact]
    public async Task An_unverified_email_or_one_of_no_person_is_refused_and_nothing_is_created()
    {
        var unverified = await SignInAsync("sub-unverified", Jonas, verified: false);
        Assert.Equal(ProviderSignInRefusal.EmailNotVerified, unverified.Refusal);
        Assert.Null(unverified.AccountId);

        var noEmail = await SignInAsync("sub-no-email", null, verified: true);
        Assert.Equal(ProviderSignInRefusal.EmailNotVerified, noEmail.Refusal);

        var stranger = await SignInAsync("sub-stranger", "fremd@example.org", verified: true);
        Assert.Equal(ProviderSignInRefusal.NoPerson, stranger.Refusal);

        Assert.Null(await AccountOfAsync(Jonas));
        Assert.Null(await LinkedAccountAsync("sub-unverified"));
        Assert.Null(await LinkedAccountAsync("sub-stranger"));
    }

    [Fact]
    public async Task The_mapped_group_grants_HR_at_sign_in_and_its_absence_revokes_it_both_audited()
    {
        var granted = await SignInAsync("sub-jonas", Jonas, verified: true, "staff", "codex-hr");
        var account = await AccountOfAsync(Jonas);
        Assert.Equal(granted.AccountId, account!.Id);
        Assert.Equal([CodexRoles.HR, CodexRoles.Member], await RolesOfAsync(account));

        await SignInAsync("sub-jonas", Jonas, verified: true, "staff", "codex-hr");
        await SignInAsync("sub-jonas", Jonas, verified: true, "staff");

        Assert.Equal([CodexRoles.Member], await RolesOfAsync(account));
        var audit = await AuditOfAsync(account.PersonId);
        Assert.Equal(1, audit.Count(a => a == AccountAuditAction.RoleGranted));
        Assert.Equal(1, audit.Count(a => a == AccountAuditAction.RoleRevoked));
    }

    [Fact]
    public async Task Roles_the_mapping_does_not_name_stay_as_an_admin_set_them()
    {
        var admin = await AccountOfAsync(DemoLogins.Admin);

        await SignInAsync("sub-bernd", DemoLogins.Admin, verified: true);

        Assert.Contains(CodexRoles.Admin, await RolesOfAsync(admin!));
    }

    [Fact]
    public async Task A_person_who_left_cannot_sign_in_neither_for_the_first_time_nor_with_a_linked_account()
    {
        var linked = await SignInAsync("sub-jonas", Jonas, verified: true);
        Assert.NotNull(linked.AccountId);
        await MarkAsLeftAsync(Jonas);
        await MarkAsLeftAsync("anna.schmidt@sozialwerk-rheinaue.example");

        Assert.Equal(ProviderSignInRefusal.Inactive, (await SignInAsync("sub-jonas", Jonas, verified: true)).Refusal);
        Assert.Equal(
            ProviderSignInRefusal.Inactive,
            (await SignInAsync("sub-anna", "anna.schmidt@sozialwerk-rheinaue.example", verified: true)).Refusal);
        Assert.Null(await AccountOfAsync("anna.schmidt@sozialwerk-rheinaue.example"));
    }

    [Fact]
    public async Task With_local_passwords_off_the_login_page_offers_only_the_provider_and_password_posts_are_refused()
    {
        var browser = Factory.CreateAnonymousClient();
        var login = WebUtility.HtmlDecode(await browser.GetStringAsync("/Account/Login"));

        Assert.Contains("Mit Sozialwerk-Login anmelden", login, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"password\"", login, StringComparison.Ordinal);
        Assert.DoesNotContain("/Account/ForgotPassword", login, StringComparison.Ordinal);

        // A password post (with a valid antiforgery token, taken from the provider's form) is refused.
        var post = await browser.PostAsync("/Account/Login", HtmlForm.Submit(login, "/Account/ExternalLogin", ("Input.Email", DemoLogins.Member), ("Input.Password", DemoLogins.Password)));
        Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"{post.StatusCode} {post.Headers.Location}");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Account/ForgotPassword")).StatusCode);
        Assert.DoesNotContain("Codex.Auth", string.Join(";", post.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []), StringComparison.Ordinal);
    }

    private async Task<ProviderSignInResult> SignInAsync(string subject, string? email, bool verified, params string[] groups)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new SignInWithProviderCommand(SingleSignOnSetup.Scheme, new ProviderIdentity(subject, email, verified, groups)));
    }

    private async Task<CodexAccount?> AccountOfAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<CodexAccount>>().FindByEmailAsync(email);
    }

    private async Task<CodexAccount?> LinkedAccountAsync(string subject)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<CodexAccount>>().FindByLoginAsync(SingleSignOnSetup.Scheme, subject);
    }

    private async Task<List<string>> RolesOfAsync(CodexAccount account)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CodexAccount>>();
        return [.. (await users.GetRolesAsync((await users.FindByIdAsync(account.Id.ToString()))!)).Order(StringComparer.Ordinal)];
    }

    private async Task<List<AccountAuditAction>> AuditOfAsync(Guid personId)
    {
        using var scope = Factory.Services.CreateScope();
        var entries = await scope.ServiceProvider.GetRequiredService<CodexIdentityDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.SubjectPersonId == personId).ToListAsync();
        return [.. entries.OrderBy(a => a.At).Select(a => a.Action)];
    }

    private async Task MarkAsLeftAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var person = Assert.Single(await mediator.Send(new FindPeopleForImportQuery([], [email])));
        await mediator.Send(new ApplyPeopleImportCommand(
        [
            new ImportedPerson(person.PersonId, false, person.StaffNumber, person.FirstName, person.LastName, person.Email,
                person.PreferredLanguage, null, false, Left: true),
        ]));
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class SingleSignOnTestsOnSqlite(PostgresFixture postgres) : SingleSignOnTests(DatabaseProvider.Sqlite, postgres);

[Collection(IntegrationCollection.Name)]
public sealed class SingleSignOnTestsOnPostgreSql(PostgresFixture postgres) : SingleSignOnTests(DatabaseProvider.PostgreSql, postgres);
