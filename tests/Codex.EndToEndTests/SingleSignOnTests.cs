using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>
/// The demo site with single sign-on against a real OpenID Connect provider (oidc-provider on
/// Node.js): "HR" is mapped from the provider's group "codex-hr".
/// </summary>
public sealed class SingleSignOnSite : CodexSite, IAsyncLifetime
{
    private readonly int _port = FreePort.Get();

    public OidcTestProvider Provider { get; private set; } = null!;

    protected override int KestrelPort => _port;

    public new Task InitializeAsync() => base.InitializeAsync();

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }

    protected override void ConfigureHost(CodexApplicationFactory factory)
    {
        // ConfigureHost runs before the host starts; the provider must know the host's address.
        Provider = Task.Run(() => OidcTestProvider.StartAsync(new Uri($"http://127.0.0.1:{_port}/"))).GetAwaiter().GetResult();
        factory.Settings["Security:Oidc:Authority"] = Provider.Authority;
        factory.Settings["Security:Oidc:ClientId"] = OidcTestProvider.ClientId;
        factory.Settings["Security:Oidc:ClientSecret"] = OidcTestProvider.ClientSecret;
        factory.Settings["Security:Oidc:Scopes"] = "openid profile email groups";
        factory.Settings["Security:Oidc:DisplayName"] = "Sozialwerk-Login";
        factory.Settings["Security:Oidc:RoleMapping:codex-hr"] = "HR";
        factory.Settings["Security:Oidc:RequireHttpsMetadata"] = "false";
    }
}

/// <summary>Signing in and out through the organisation's provider, in Chromium.</summary>
public sealed class SingleSignOnTests(SingleSignOnSite site) : IClassFixture<SingleSignOnSite>, IAsyncLifetime
{
    static SingleSignOnTests() => Assertions.SetDefaultExpectTimeout(10_000);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => site.CloseContextsAsync();

    [Fact]
    public async Task A_member_signs_in_through_the_provider_with_login_and_consent_and_is_back_as_their_person()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/org");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));

        await SignInAtProviderAsync(page, OidcTestProvider.Users.Member);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/org$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
        await page.GotoAsync("/me");
        await Assertions.Expect(page.GetByText("Mehmet").First).ToBeVisibleAsync();
        // A member is not HR: the accounts page is closed.
        var accounts = await page.GotoAsync("/admin/accounts");
        Assert.Contains("/Account/AccessDenied", page.Url, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(accounts);
    }

    [Fact]
    public async Task A_person_in_the_HR_group_gets_an_account_just_in_time_with_HR_rights()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/Account/Login");

        await SignInAtProviderAsync(page, OidcTestProvider.Users.HrGroupMember);

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
        await page.GotoAsync("/admin/accounts");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/accounts$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Someone_whose_email_is_no_persons_is_refused_with_a_clear_message()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/Account/Login");

        await SignInAtProviderAsync(page, OidcTestProvider.Users.Stranger);

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Zur E-Mail-Adresse fremd@example.org gibt es in Codex keine Person.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToHaveCountAsync(0);
        Assert.Empty(await PageChecks.AccessibilityProblemsAsync(page));
        await page.GetByRole(AriaRole.Link, new() { Name = "Zurück zur Anmeldung" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login$"));
    }

    [Fact]
    public async Task The_login_page_offers_the_provider_next_to_the_password_form_on_a_phone_too()
    {
        var page = await site.NewPageAsync(Device.Phone);
        await page.GotoAsync("/Account/Login");

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mit Sozialwerk-Login anmelden" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Passwort", new() { Exact = true })).ToBeVisibleAsync();
        Assert.Empty(await PageChecks.AccessibilityProblemsAsync(page));
        await CodexSite.SaveScreenshotAsync(page, "sso-login-phone");
    }

    [Fact]
    public async Task Signing_out_ends_the_provider_session_too_the_next_sign_in_asks_for_the_password_again()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await SignInAtProviderAsync(page, OidcTestProvider.Users.HumanResources);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await ConfirmProviderSignOutAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sie sind abgemeldet." })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(site.BaseAddress.GetLeftPart(UriPartial.Authority))}/Account/Logout"));

        // After Abmelden the provider asks who it is again (without it, it would not: see the next test).
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mit Sozialwerk-Login anmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Username")).ToBeVisibleAsync();
        Assert.StartsWith(site.Provider.Authority, page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_signing_out_the_provider_session_signs_in_again_without_a_password()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await SignInAtProviderAsync(page, OidcTestProvider.Users.Member);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
        await page.Context.ClearCookiesAsync(new() { Domain = "127.0.0.1", Name = "Codex.Auth" });

        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mit Sozialwerk-Login anmelden" }).ClickAsync();

        // The check the sign-out test relies on: a live provider session needs no second login.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
    }

    /// <summary>The button on Codex's login page, the provider's login form, its consent page, back to Codex.</summary>
    private async Task SignInAtProviderAsync(IPage page, string user)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Mit Sozialwerk-Login anmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the test provider" })).ToBeVisibleAsync();
        Assert.StartsWith(site.Provider.Authority, page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Username").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(OidcTestProvider.UserPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Allow access?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(site.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
            && !url.Contains("/signin-oidc", StringComparison.Ordinal));
    }

    private static async Task ConfirmProviderSignOutAsync(IPage page)
    {
        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" });
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await confirm.ClickAsync();
    }
}
