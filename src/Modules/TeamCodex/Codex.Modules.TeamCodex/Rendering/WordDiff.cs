using System.Net;
using System.Text;
using Codex.Modules.TeamCodex.Domain;
using DiffPlex;
using DiffPlex.Chunkers;

namespace Codex.Modules.TeamCodex.Rendering;

public enum PieceKind
{
    Same,
    Inserted,
    Deleted,
}

public sealed record DiffPiece(PieceKind Kind, string Text);

public enum SectionChange
{
    Unchanged,
    Changed,
    Added,
    Removed,
}

public sealed record SectionDiff(SectionChange Change, string Title, IReadOnlyList<DiffPiece> TitlePieces, IReadOnlyList<DiffPiece> BodyPieces)
{
    public bool HasChanges => Change != SectionChange.Unchanged;
}

/// <summary>Word-level differences between two versions of a codex, section by section.</summary>
internal static class WordDiff
{
    // Words, punctuation and line breaks are the units a reader notices as changed.
    private static readonly DelimiterChunker Words = new([' ', '\t', '\n', '.', ',', ';', ':', '!', '?', '(', ')', '"', '„', '“']);

    public static IReadOnlyList<DiffPiece> Compare(string before, string after)
    {
        if (before == after)
        {
            return before.Length == 0 ? [] : [new DiffPiece(PieceKind.Same, before)];
        }

        var result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, Words);
        var pieces = new List<DiffPiece>();
        var oldIndex = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; oldIndex < block.DeleteStartA; oldIndex++)
            {
                Add(pieces, PieceKind.Same, result.PiecesOld[oldIndex]);
            }

            for (var i = 0; i < block.DeleteCountA; i++)
            {
                Add(pieces, PieceKind.Deleted, result.PiecesOld[block.DeleteStartA + i]);
            }

            for (var i = 0; i < block.InsertCountB; i++)
            {
                Add(pieces, PieceKind.Inserted, result.PiecesNew[block.InsertStartB + i]);
            }

            oldIndex = block.DeleteStartA + block.DeleteCountA;
        }

        for (; oldIndex < result.PiecesOld.Count; oldIndex++)
        {
            Add(pieces, PieceKind.Same, result.PiecesOld[oldIndex]);
        }

        return pieces;
    }

    /// <summary>Matches sections by id (so renamed or moved ones are compared with themselves), in the newer order.</summary>
    public static IReadOnlyList<SectionDiff> CompareSections(IReadOnlyList<CodexSection> before, IReadOnlyList<CodexSection> after)
    {
        var oldById = before.ToDictionary(s => s.Id);
        var diffs = new List<SectionDiff>();
        foreach (var section in after)
        {
            if (oldById.TryGetValue(section.Id, out var old))
            {
                var unchanged = old == section;
                diffs.Add(new SectionDiff(
                    unchanged ? SectionChange.Unchanged : SectionChange.Changed,
                    section.Title,
                    Compare(old.Title, section.Title),
                    Compare(old.Markdown, section.Markdown)));
            }
            else
            {
                diffs.Add(new SectionDiff(SectionChange.Added, section.Title, [new(PieceKind.Inserted, section.Title)], [new(PieceKind.Inserted, section.Markdown)]));
            }
        }

        var newIds = after.Select(s => s.Id).ToHashSet();
        diffs.AddRange(before.Where(s => !newIds.Contains(s.Id))
            .Select(s => new SectionDiff(SectionChange.Removed, s.Title, [new(PieceKind.Deleted, s.Title)], [new(PieceKind.Deleted, s.Markdown)])));
        return diffs;
    }

    /// <summary>
    /// HTML of a diff: deletions in del, insertions in ins, each announced in words for screen
    /// readers and marked by strike-through / underline, not by colour alone. Text is encoded.
    /// </summary>
    public static string ToHtml(IReadOnlyList<DiffPiece> pieces, string deletedLabel, string insertedLabel)
    {
        var html = new StringBuilder();
        foreach (var piece in pieces)
        {
            var text = WebUtility.HtmlEncode(piece.Text).Replace("\n", "<br>", StringComparison.Ordinal);
            html.Append(piece.Kind switch
            {
                PieceKind.Deleted => $"<del><span class=\"visually-hidden\">{deletedLabel}: </span>{text}</del>",
                PieceKind.Inserted => $"<ins><span class=\"visually-hidden\">{insertedLabel}: </span>{text}</ins>",
                _ => text,
            });
        }

        return html.ToString();
    }

    private static void Add(List<DiffPiece> pieces, PieceKind kind, string text)
    {
        // Neighbouring words of the same kind become one piece: fewer tags, easier to read aloud.
        if (pieces.Count > 0 && pieces[^1].Kind == kind)
        {
            pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
        }
        else
        {
            pieces.Add(new DiffPiece(kind, text));
        }
    }
}
