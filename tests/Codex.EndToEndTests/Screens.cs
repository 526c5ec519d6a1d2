using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>The main screens of the app, by a short name, and how a test gets to each.</summary>
public static class Screens
{
    public const string Login = "login";
    public const string Home = "home";
    public const string HomeOfMember = "home-member";
    public const string Organisation = "org";
    public const string Team = "team";
    public const string People = "people";
    public const string NewPerson = "person-new";
    public const string PeopleImport = "people-import";
    public const string Codices = "codex";
    public const string TeamCodex = "codex-team";
    public const string Accounts = "accounts";
    public const string ForgotPassword = "forgot-password";
    public const string ChangePassword = "change-password";
    public const string MyLearning = "learning-member";
    public const string LearningPathAssignment = "learning-assign";
    public const string ProcessingOverview = "privacy-processing";

    public static IReadOnlyList<string> All { get; } = [Login, Home, HomeOfMember, Organisation, Team, People, NewPerson, PeopleImport, Codices, TeamCodex, Accounts, ForgotPassword, ChangePassword, MyLearning, LearningPathAssignment, ProcessingOverview];

    /// <summary>
    /// A new tab with the screen loaded: the login anonymously, the member's home as the demo member, everything else as the demo admin
    /// (who sees the most: management forms and all table columns).
    /// </summary>
    public static async Task<IPage> OpenAsync(CodexSite site, string screen, Device device = Device.Desktop)
    {
        var page = screen switch
        {
            Login or ForgotPassword => await site.NewPageAsync(device),
            // The member's home page lists what waits for them (the demo's learning steps due).
            // The processing overview is for everyone: a member reads it as the admin does.
            HomeOfMember or MyLearning or ProcessingOverview => await site.SignedInPageAsync(DemoLogins.Member, device),
            _ => await site.SignedInPageAsync(DemoLogins.Admin, device),
        };
        await page.GotoAsync(await PathOfAsync(page, screen));
        return page;
    }

    private static async Task<string> PathOfAsync(IPage page, string screen)
    {
        switch (screen)
        {
            case Login:
                return "/Account/Login";
            case Home:
            case HomeOfMember:
                return "/";
            case Organisation:
                return "/org";
            case People:
                return "/people";
            case NewPerson:
                return "/people/edit";
            case PeopleImport:
                return "/people/import";
            case Codices:
                return "/codex";
            case Accounts:
                return "/admin/accounts";
            case ForgotPassword:
                return "/Account/ForgotPassword";
            case ChangePassword:
                return "/me/password";
            case MyLearning:
                return "/learning";
            case ProcessingOverview:
                return "/privacy/processing";
            case LearningPathAssignment:
                // A demo path's assignment page (it lists the path's roles), found on the list of paths as HR would.
                await page.GotoAsync("/learning/paths");
                return await page.Locator("main a[href$='/assign']").First.GetAttributeAsync("href")
                    ?? throw new InvalidOperationException("The link to the assignment page has no address.");
            case TeamCodex:
                await page.GotoAsync("/codex");
                return await page.GetByRole(AriaRole.Link, new() { Name = "Pflegeteam Nord", Exact = true }).GetAttributeAsync("href")
                    ?? throw new InvalidOperationException("The link to the codex of Pflegeteam Nord has no address.");
            case Team:
                // A team's address holds its id: find it on the organisation page, as a person would.
                await page.GotoAsync("/org");
                return await page.GetByRole(AriaRole.Link, new() { Name = "Pflegeteam Nord", Exact = true }).GetAttributeAsync("href")
                    ?? throw new InvalidOperationException("The link to Pflegeteam Nord has no address.");
            default:
                throw new ArgumentOutOfRangeException(nameof(screen), screen, "Unknown screen.");
        }
    }
}
