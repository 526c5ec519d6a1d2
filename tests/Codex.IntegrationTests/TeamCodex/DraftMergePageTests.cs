using System.Net;
using System.Text.RegularExpressions;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;

namespace Codex.IntegrationTests.TeamCodex;

/// <summary>
/// The draft editor as a plain form (no script): a save on an outdated revision merges the user's
/// changes onto the newer draft, asks only about sections both changed, and loses nothing typed.
/// </summary>
public abstract partial class DraftMergePageTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : TeamCodexTest(provider, postgres, host)
{
    [Fact]
    public async Task A_form_saved_on_an_old_revision_keeps_the_other_persons_edit_in_a_section_the_user_did_not_touch()
    {
        var unit = await NewUnitAsync();
        var address = $"/codex/{unit.UnitId}/draft";
        var page = await unit.Member.GetStringAsync(address);
        var start = await unit.Member.DraftAsync(unit.UnitId);
        await SaveAsLeadAsync(unit, start, 1, "Von der Leitung.");

        // The member's browser sends its line endings; section 1 comes back as they loaded it.
        var merged = await unit.Member.PostAsync(address, HtmlForm.Submit(page, "", Fields(start.Sections, (0, "Vom Mitglied.\r\nZweite Zeile.\r\n"))));

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var html = WebUtility.HtmlDecode(await merged.Content.ReadAsStringAsync());
        Assert.Contains("Ihre Änderungen sind mit dem neuen Stand zusammengeführt", html, StringComparison.Ordinal);
        Assert.Contains(">Vom Mitglied.\nZweite Zeile.</textarea>", html, StringComparison.Ordinal);
        Assert.Contains(">Von der Leitung.</textarea>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sections[0].Choice", html, StringComparison.Ordinal);
        Assert.Equal(start.Revision + 1, (await unit.Member.DraftAsync(unit.UnitId)).Revision); // nothing saved yet

        var saved = await unit.Member.PostAsync(address, HtmlForm.Submit(html, "", Fields(start.Sections, (0, "Vom Mitglied.\r\nZweite Zeile."), (1, "Von der Leitung."))));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await unit.Member.DraftAsync(unit.UnitId);
        Assert.Equal(start.Revision + 2, draft.Revision);
        Assert.Equal(["Vom Mitglied.\nZweite Zeile.", "Von der Leitung."], draft.Sections.Take(2).Select(s => s.Markdown));
        Assert.Equal(start.Sections.Skip(2).Select(s => s.Markdown), draft.Sections.Skip(2).Select(s => s.Markdown));
    }

    [Fact]
    public async Task When_both_changed_the_same_section_nothing_is_saved_until_the_user_chooses_and_the_choice_is_saved()
    {
        var unit = await NewUnitAsync();
        var address = $"/codex/{unit.UnitId}/draft";
        var page = await unit.Member.GetStringAsync(address);
        var start = await unit.Member.DraftAsync(unit.UnitId);
        await SaveAsLeadAsync(unit, start, 0, "Zweck laut Leitung.", (2, "Dritter Abschnitt laut Leitung."));

        var asked = WebUtility.HtmlDecode(await (await unit.Member.PostAsync(address, HtmlForm.Submit(page, "", Fields(start.Sections, (0, "Zweck laut Mitglied."))))).Content.ReadAsStringAsync());

        Assert.Contains("in 1 Abschnitt(en) haben Sie beide etwas geändert", asked, StringComparison.Ordinal);
        Assert.Single(ChoicePattern().Matches(asked).Select(m => m.Groups[1].Value).Distinct());
        Assert.Contains("name=\"Sections[0].Choice\"", asked, StringComparison.Ordinal);
        Assert.Contains(">Zweck laut Mitglied.</textarea>", asked, StringComparison.Ordinal);
        Assert.Contains(">Zweck laut Leitung.</div>", asked, StringComparison.Ordinal);
        Assert.Contains(">Dritter Abschnitt laut Leitung.</textarea>", asked, StringComparison.Ordinal);

        var mergedFields = Fields(start.Sections, (0, "Zweck laut Mitglied."), (2, "Dritter Abschnitt laut Leitung."));
        var undecided = WebUtility.HtmlDecode(await (await unit.Member.PostAsync(address, HtmlForm.Submit(asked, "", mergedFields))).Content.ReadAsStringAsync());
        Assert.Contains("Bitte entscheiden Sie, welcher Text gelten soll", undecided, StringComparison.Ordinal);
        Assert.Contains(">Zweck laut Mitglied.</textarea>", undecided, StringComparison.Ordinal);
        Assert.Equal(start.Revision + 1, (await unit.Member.DraftAsync(unit.UnitId)).Revision);

        var saved = await unit.Member.PostAsync(address, HtmlForm.Submit(undecided, "", [.. mergedFields, ("Sections[0].Choice", "Theirs")]));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await unit.Member.DraftAsync(unit.UnitId);
        Assert.Equal(["Zweck laut Leitung.", start.Sections[1].Markdown, "Dritter Abschnitt laut Leitung."], draft.Sections.Take(3).Select(s => s.Markdown));
    }

    private static async Task SaveAsLeadAsync(CodexUnit unit, DraftDto start, int index, string text, params (int Index, string Text)[] more)
    {
        var sections = start.Sections.ToList();
        foreach (var (i, t) in more.Prepend((index, text)))
        {
            sections[i] = sections[i] with { Markdown = t };
        }

        await (await unit.Lead.PutDraftAsync(unit.UnitId, start.Revision, sections)).AssertStatusAsync(HttpStatusCode.OK);
    }

    /// <summary>The visible fields of the draft form as a browser posts them, with some texts changed.</summary>
    private static (string Name, string Value)[] Fields(IReadOnlyList<SectionDto> sections, params (int Index, string Text)[] changes) =>
        sections.SelectMany((s, i) => new[]
        {
            ($"Sections[{i}].Title", s.Title),
            ($"Sections[{i}].Markdown", changes.Where(c => c.Index == i).Select(c => c.Text).DefaultIfEmpty(s.Markdown).First()),
            ($"Sections[{i}].Position", $"{i + 1}"),
        }).ToArray();

    [GeneratedRegex(@"name=""(Sections\[\d+\]\.Choice)""")]
    private static partial Regex ChoicePattern();
}

[Collection(IntegrationCollection.Name)]
public sealed class DraftMergePageTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : DraftMergePageTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class DraftMergePageTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : DraftMergePageTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
