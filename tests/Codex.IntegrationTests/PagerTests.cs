using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.Notifications;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests;

/// <summary>
/// The pagers of the people list, the mail page and the tool catalogue lead to the next page. (Razor Pages keeps the
/// page's own name in the route value "page"; a query parameter of that name never reached the model.)
/// </summary>
public abstract partial class PagerTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    // Mails stay queued: this class looks at the outbox, it does not send.
    protected override void ConfigureHost(CodexApplicationFactory factory) => factory.Settings["Jobs:RunServer"] = "false";

    [Fact]
    public async Task The_next_link_of_the_people_list_shows_the_second_page()
    {
        var admin = await AdminAsync();
        var family = "Blatt" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 1; i <= 26; i++)
        {
            await admin.CreatePersonAsync($"Person{i:D2}", family);
        }

        var first = await admin.GetStringAsync("/people?search=" + family);
        Assert.Contains("Seite 1 von 2", first, StringComparison.Ordinal);
        Assert.Equal(25, Regex.Matches(first, ">Person[0-9]{2}<").Count);

        var second = await admin.GetStringAsync(NextLink(first));

        Assert.Contains("Seite 2 von 2", second, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
        Assert.Contains("Person26", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Person01", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_link_of_the_mail_page_shows_the_second_page()
    {
        var admin = await AdminAsync();
        var recipient = await admin.NewRecipientAsync();
        for (var i = 0; i < 51; i++)
        {
            await Factory.QueueAsync(MailTesting.Reminder(recipient.PersonId, $"Kodex {i}"));
        }

        var first = await admin.GetStringAsync("/admin/mail?status=Queued");
        Assert.Matches("Seite 1 von [2-9]", first);

        var second = await admin.GetStringAsync(NextLink(first));

        Assert.Matches("Seite 2 von [2-9]", second);
        Assert.Contains("rel=\"prev\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_link_of_the_tool_catalogue_shows_the_second_page()
    {
        var hr = await HumanResourcesAsync();
        var family = "Blatt" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 1; i <= 21; i++)
        {
            var created = await hr.PostAsJsonAsync("/api/skills/tools", new { name = $"Werkzeug{i:D2} {family}", category = "Office", lifecycle = "InUse" });
            await created.AssertStatusAsync(HttpStatusCode.Created);
        }

        var first = await hr.GetStringAsync("/skills/tools?search=" + family);
        Assert.Contains("Seite 1 von 2", first, StringComparison.Ordinal);

        var second = await hr.GetStringAsync(NextLink(first));

        Assert.Contains("Seite 2 von 2", second, StringComparison.Ordinal);
        Assert.Contains("Werkzeug21", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Werkzeug01", second, StringComparison.Ordinal);
    }

    private static string NextLink(string html) => WebUtility.HtmlDecode(Assert.Single(NextHref().Matches(html)).Groups[1].Value);

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex NextHref();
}

[Collection(IntegrationCollection.Name)]
public sealed class PagerTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : PagerTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class PagerTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : PagerTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
