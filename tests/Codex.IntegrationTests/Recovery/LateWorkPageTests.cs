using System.Net;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.Notifications;
using Codex.Modules.Notifications.Domain;
using Codex.Shared.Persistence;
using Codex.Testing;
using Microsoft.EntityFrameworkCore;

namespace Codex.IntegrationTests.Recovery;

/// <summary>
/// The admin sees on the mail page when background work is late and why: here no host runs the
/// job servers, so nobody serves the mail queue and a due mail waits.
/// </summary>
public abstract class LateWorkPageTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    protected override void ConfigureHost(CodexApplicationFactory factory) => factory.Settings["Jobs:RunServer"] = "false";

    [Fact]
    public async Task A_mail_due_for_minutes_with_no_server_on_its_queue_is_shown_as_late_with_the_reason()
    {
        var admin = await AdminAsync();
        Assert.Contains("Der Versand ist pünktlich", WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/mail")), StringComparison.Ordinal);

        var to = await admin.NewRecipientAsync();
        await Factory.QueueAsync(MailTesting.Reminder(to.PersonId, "Verspätet"));
        await Factory.WithModuleDbAsync("Notifications", db => db.Set<EmailMessage>()
            .Where(m => m.RecipientPersonId == to.PersonId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddMinutes(-5))));

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/mail"));

        Assert.Contains("Der Versand ist verspätet: Die älteste fällige Mail wartet seit", page, StringComparison.Ordinal);
        Assert.Contains("Kein Server bearbeitet gerade die Warteschlange „mail“", page, StringComparison.Ordinal);
        Assert.Contains("<td>Mailversand (mail)</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Der Versand ist pünktlich", page, StringComparison.Ordinal);
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class LateWorkPageTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : LateWorkPageTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class LateWorkPageTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : LateWorkPageTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
