using System.Text.RegularExpressions;
using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>The interactive API reference in Chromium: an admin finds it in the navigation and reads the operations.</summary>
public sealed class ApiReferenceTests(CodexSite site) : BrowserTest(site)
{
    [Fact]
    public async Task An_admin_opens_the_api_reference_from_the_navigation_and_finds_the_codex_operations()
    {
        var admin = await Site.SignedInPageAsync(DemoLogins.Admin);
        await admin.GotoAsync("/");

        await admin.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "API-Referenz" }).ClickAsync();

        await Expect(admin).ToHaveURLAsync(new Regex("/api-reference/$"));
        // Rendered from /openapi/v1.json by the reference's script: the document loaded and its tags are there.
        await Expect(admin.GetByText("Team codex").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(admin.GetByText("Organisation").First).ToBeVisibleAsync();
        AssertNoBrowserErrors(admin);
    }

    [Fact]
    public async Task A_member_sees_no_link_to_the_api_reference()
    {
        var member = await Site.SignedInPageAsync(DemoLogins.Member);
        await member.GotoAsync("/");

        await Expect(member.GetByRole(AriaRole.Link, new() { Name = "API-Referenz" })).ToHaveCountAsync(0);
    }
}
