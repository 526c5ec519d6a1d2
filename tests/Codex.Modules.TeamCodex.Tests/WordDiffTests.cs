using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Rendering;

namespace Codex.Modules.TeamCodex.Tests;

/// <summary>What changed between two texts, word by word: nothing is lost, and every change is marked.</summary>
public sealed class WordDiffTests
{
    public static TheoryData<string, string> Pairs() => new()
    {
        { "", "" },
        { "", "Neuer Text." },
        { "Alter Text.", "" },
        { "Wir treffen uns montags.", "Wir treffen uns montags." },
        { "Wir treffen uns montags.", "Wir treffen uns dienstags." },
        { "Wir treffen uns montags um 9 Uhr.", "Wir treffen uns, wenn möglich, montags um 10 Uhr im Büro." },
        { "Übergabe: mündlich; Dokumentation (später).", "Übergabe: schriftlich! Dokumentation „sofort“?" },
        { "Erste Zeile\nZweite Zeile\n\nAbsatz", "Erste Zeile\nNeue Zeile\nZweite Zeile\n\nAbsatz geändert" },
        { "- Punkt eins\n- Punkt zwei", "- Punkt zwei\n- Punkt eins" },
        { "  Leerzeichen  am   Rand  ", "Leerzeichen am Rand" },
        { "a b c d e f g", "g f e d c b a" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_pieces_rebuild_both_texts(string before, string after)
    {
        var pieces = WordDiff.Compare(before, after);

        Assert.Equal(before, string.Concat(pieces.Where(p => p.Kind != PieceKind.Inserted).Select(p => p.Text)));
        Assert.Equal(after, string.Concat(pieces.Where(p => p.Kind != PieceKind.Deleted).Select(p => p.Text)));
        Assert.DoesNotContain(pieces, p => p.Text.Length == 0);
        // Neighbours of the same kind are merged into one piece.
        Assert.All(pieces.Zip(pieces.Skip(1)), pair => Assert.NotEqual(pair.First.Kind, pair.Second.Kind));
    }

    [Fact]
    public void A_replaced_word_is_marked_deleted_and_its_replacement_inserted()
    {
        var pieces = WordDiff.Compare("Wir treffen uns montags.", "Wir treffen uns dienstags.");

        Assert.Equal("montags", Assert.Single(pieces, p => p.Kind == PieceKind.Deleted).Text);
        Assert.Equal("dienstags", Assert.Single(pieces, p => p.Kind == PieceKind.Inserted).Text);
        Assert.StartsWith("Wir treffen uns", pieces[0].Text, StringComparison.Ordinal);
        Assert.Equal(PieceKind.Same, pieces[0].Kind);
    }

    [Fact]
    public void Added_words_are_inserted_and_the_rest_stays_the_same()
    {
        var pieces = WordDiff.Compare("Wir übergeben schriftlich.", "Wir übergeben immer schriftlich.");

        Assert.DoesNotContain(pieces, p => p.Kind == PieceKind.Deleted);
        Assert.Contains("immer", Assert.Single(pieces, p => p.Kind == PieceKind.Inserted).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Identical_texts_are_one_unchanged_piece_and_empty_texts_none()
    {
        Assert.Equal([new DiffPiece(PieceKind.Same, "Gleich.")], WordDiff.Compare("Gleich.", "Gleich."));
        Assert.Empty(WordDiff.Compare("", ""));
    }

    [Fact]
    public void Sections_are_matched_by_id_so_renamed_and_moved_ones_are_compared_with_themselves()
    {
        var purpose = new CodexSection(Guid.NewGuid(), "Zweck", "Wir pflegen.", false);
        var process = new CodexSection(Guid.NewGuid(), "Abläufe", "Übergabe um 14 Uhr.", false);
        var removed = new CodexSection(Guid.NewGuid(), "Tools", "Messenger.", false);
        var added = new CodexSection(Guid.NewGuid(), "Konflikte", "Wir sprechen sie an.", false);

        var diffs = WordDiff.CompareSections(
            [purpose, process, removed],
            [process with { Title = "Abläufe im Dienst" }, purpose, added]);

        Assert.Equal(
            [(SectionChange.Changed, "Abläufe im Dienst"), (SectionChange.Unchanged, "Zweck"), (SectionChange.Added, "Konflikte"), (SectionChange.Removed, "Tools")],
            diffs.Select(d => (d.Change, d.Title)));
        var renamed = diffs[0];
        Assert.Equal("Abläufe", string.Concat(renamed.TitlePieces.Where(p => p.Kind != PieceKind.Inserted).Select(p => p.Text)));
        Assert.Equal("Abläufe im Dienst", string.Concat(renamed.TitlePieces.Where(p => p.Kind != PieceKind.Deleted).Select(p => p.Text)));
        Assert.Equal([new DiffPiece(PieceKind.Same, process.Markdown)], renamed.BodyPieces);
        Assert.False(diffs[1].HasChanges);
        Assert.Equal([new DiffPiece(PieceKind.Inserted, added.Markdown)], diffs[2].BodyPieces);
        Assert.Equal([new DiffPiece(PieceKind.Deleted, removed.Markdown)], diffs[3].BodyPieces);
    }

    [Fact]
    public void Making_a_section_binding_counts_as_a_change()
    {
        var section = new CodexSection(Guid.NewGuid(), "Datenschutz", "Keine Daten per Messenger.", false);

        var diff = Assert.Single(WordDiff.CompareSections([section], [section with { IsBinding = true }]));

        Assert.Equal(SectionChange.Changed, diff.Change);
    }

    [Fact]
    public void The_html_marks_changes_in_words_and_encodes_the_text()
    {
        var pieces = WordDiff.Compare("Hallo <b>Welt</b>", "Hallo <script>alert(1)</script>\nTschüss");

        var html = WordDiff.ToHtml(pieces, "entfernt", "hinzugefügt");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<del><span class=\"visually-hidden\">entfernt: </span>", html, StringComparison.Ordinal);
        Assert.Contains("<ins><span class=\"visually-hidden\">hinzugefügt: </span>", html, StringComparison.Ordinal);
        Assert.Contains("<br>", html, StringComparison.Ordinal);
        Assert.StartsWith("Hallo ", html, StringComparison.Ordinal);
    }
}
