using System.Net;
using System.Net.Http.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;

namespace Codex.IntegrationTests.TeamCodex;

/// <summary>What the TeamCodex API says when it refuses input comes from the module's texts: in German, or in English when asked.</summary>
public abstract class CodexTextsTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : TeamCodexTest(provider, postgres, host)
{
    [Fact]
    public async Task A_proposal_without_a_title_is_refused_with_the_reason_in_the_language_asked_for()
    {
        var unit = await NewUnitAsync();

        foreach (var (culture, message) in new[] { ("de-DE", "Bitte geben Sie dem Vorschlag einen Titel."), ("en-GB", "Please give the proposal a title.") })
        {
            var response = await unit.Member.PostAsJsonAsync(CodexApiClient.Url(unit.UnitId, $"/proposals?culture={culture}"), new { title = "", rationale = "Weil." });

            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal([message], problem.GetProperty("errors").GetProperty("title").EnumerateArray().Select(e => e.GetString()));
        }
    }

    [Fact]
    public async Task A_draft_saved_on_an_outdated_revision_gets_the_conflict_explained_in_the_language_asked_for()
    {
        var unit = await NewUnitAsync();
        var draft = await unit.Member.DraftAsync(unit.UnitId);
        await unit.Lead.EditDraftAsync(unit.UnitId, "Die Leitung hat zuerst gespeichert.");

        foreach (var (culture, detail) in new[]
        {
            ("de-DE", "Jemand anderes hat den Entwurf inzwischen gespeichert. Ihre Änderungen sind mit dem aktuellen Stand zusammengeführt; prüfen Sie die Abschnitte, die beide geändert haben, und speichern Sie erneut."),
            ("en-GB", "Someone else saved the draft in the meantime. Your changes have been merged with the current state; check the sections you both changed and save again."),
        })
        {
            var response = await unit.Member.PutAsJsonAsync(
                CodexApiClient.Url(unit.UnitId, $"/draft?culture={culture}"), new { basedOnRevision = draft.Revision, sections = draft.WithFirstText("Mein Text") });

            var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal(detail, problem.GetProperty("detail").GetString());
        }
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class CodexTextsTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : CodexTextsTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class CodexTextsTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : CodexTextsTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
