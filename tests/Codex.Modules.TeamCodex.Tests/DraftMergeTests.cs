using Codex.Modules.TeamCodex.Domain;
using static Codex.Modules.TeamCodex.Tests.CodexFixture;

namespace Codex.Modules.TeamCodex.Tests;

/// <summary>
/// Someone saved the draft while I was editing it: my changes go onto their text section by section,
/// and I am asked only where we both changed the same section.
/// </summary>
public sealed class DraftMergeTests
{
    private static readonly CodexSection Purpose = Section("Zweck", "Wir pflegen im Norden.");
    private static readonly CodexSection Handover = Section("Übergaben", "Übergabe um 14 Uhr.");
    private static readonly CodexSection Reach = Section("Erreichbarkeit", "Werktags bis 16 Uhr.");
    private static readonly IReadOnlyList<CodexSection> Base = [Purpose, Handover, Reach];

    [Fact]
    public void Edits_in_different_sections_are_both_kept()
    {
        var mine = new[] { Purpose with { Markdown = "Wir pflegen im Norden und Osten." }, Handover, Reach };
        var theirs = new[] { Purpose, Handover with { Markdown = "Übergabe um 13:30 Uhr." }, Reach };

        var merge = DraftMerge.Merge(Base, mine, theirs);

        Assert.True(merge.IsClean);
        Assert.Equal(["Wir pflegen im Norden und Osten.", "Übergabe um 13:30 Uhr.", "Werktags bis 16 Uhr."], merge.Sections.Select(s => s.Markdown));
        Assert.Equal([Handover.Id], merge.TakenFromTheirs);
    }

    [Fact]
    public void A_section_I_did_not_touch_is_never_reverted_to_the_text_I_started_from()
    {
        var theirs = new[] { Purpose with { Title = "Unser Zweck" }, Handover, Reach with { Markdown = "Rund um die Uhr." } };

        var merge = DraftMerge.Merge(Base, Base, theirs);

        Assert.Equal(theirs, merge.Sections);
        Assert.Empty(merge.Conflicts);
    }

    [Fact]
    public void Browser_line_endings_and_trailing_blanks_are_no_change()
    {
        var twoLines = Purpose with { Markdown = "Erste Zeile.\nZweite Zeile." };
        var baseWithLines = new[] { twoLines, Handover, Reach };
        var mine = new[] { twoLines with { Markdown = "Erste Zeile.\r\nZweite Zeile.\r\n\r\n", Title = " Zweck " }, Handover, Reach with { Markdown = "Nur werktags." } };
        var theirs = new[] { twoLines with { Markdown = "Erste Zeile.\nZweite Zeile, neu." }, Handover, Reach };

        var merge = DraftMerge.Merge(baseWithLines, mine, theirs);

        Assert.True(merge.IsClean);
        Assert.Equal(["Erste Zeile.\nZweite Zeile, neu.", "Übergabe um 14 Uhr.", "Nur werktags."], merge.Sections.Select(s => s.Markdown));
    }

    [Fact]
    public void Both_changing_the_same_section_differently_is_the_only_question_and_my_text_stands_in_until_I_decide()
    {
        var mine = new[] { Purpose with { Markdown = "Meine Fassung." }, Handover, Reach };
        var theirs = new[] { Purpose with { Markdown = "Ihre Fassung." }, Handover with { Markdown = "Übergabe um 13:30 Uhr." }, Reach };

        var merge = DraftMerge.Merge(Base, mine, theirs);

        var conflict = Assert.Single(merge.Conflicts);
        Assert.Equal((Purpose.Id, "Wir pflegen im Norden.", "Meine Fassung.", "Ihre Fassung."), (conflict.SectionId, conflict.Base!.Markdown, conflict.Mine!.Markdown, conflict.Theirs!.Markdown));
        Assert.Equal(["Meine Fassung.", "Übergabe um 13:30 Uhr.", "Werktags bis 16 Uhr."], merge.Sections.Select(s => s.Markdown));
    }

    [Fact]
    public void The_same_change_on_both_sides_is_no_conflict()
    {
        var same = new[] { Purpose with { Markdown = "Gleich geändert." }, Handover, Reach };

        var merge = DraftMerge.Merge(Base, same, same.ToArray());

        Assert.True(merge.IsClean);
        Assert.Equal(same, merge.Sections);
    }

    [Fact]
    public void Added_and_removed_sections_of_either_side_are_kept_in_place()
    {
        var mine = new CodexSection[] { Purpose, Section("Urlaub", "Bis März planen."), Handover, Reach };
        var theirs = new[] { Purpose, Reach, Section("Neu von Kollegin", "Text.") };

        var merge = DraftMerge.Merge(Base, mine, theirs);

        Assert.True(merge.IsClean);
        Assert.Equal(["Zweck", "Urlaub", "Erreichbarkeit", "Neu von Kollegin"], merge.Sections.Select(s => s.Title));
    }

    [Fact]
    public void Removing_a_section_the_other_changed_asks_and_keeps_their_text_meanwhile()
    {
        var mine = new[] { Purpose, Reach };
        var theirs = new[] { Purpose, Handover with { Markdown = "Übergabe um 13:30 Uhr." }, Reach };

        var merge = DraftMerge.Merge(Base, mine, theirs);

        var conflict = Assert.Single(merge.Conflicts);
        Assert.Null(conflict.Mine);
        Assert.Equal(["Zweck", "Übergaben", "Erreichbarkeit"], merge.Sections.Select(s => s.Title));
        Assert.Equal("Übergabe um 13:30 Uhr.", merge.Sections[1].Markdown);
    }

    [Fact]
    public void My_reordering_wins_over_theirs_when_I_moved_sections()
    {
        var mine = new[] { Reach, Purpose, Handover };
        var theirs = new[] { Purpose, Handover with { Markdown = "Neu." }, Reach };

        var merge = DraftMerge.Merge(Base, mine, theirs);

        Assert.Equal(["Erreichbarkeit", "Zweck", "Übergaben"], merge.Sections.Select(s => s.Title));
        Assert.Equal("Neu.", merge.Sections[2].Markdown);
    }
}
