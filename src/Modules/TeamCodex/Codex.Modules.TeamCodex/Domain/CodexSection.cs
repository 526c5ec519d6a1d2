using Codex.Shared.Domain;

namespace Codex.Modules.TeamCodex.Domain;

/// <summary>
/// One part of a codex: a title and its Markdown text. The id stays the same across draft
/// revisions and versions, so diffs can match a section even when it was renamed or moved.
/// Binding sections of an organisation's or department's codex apply to every unit below it.
/// </summary>
public sealed record CodexSection(Guid Id, string Title, string Markdown, bool IsBinding)
{
    public const int TitleMaxLength = 200;
    public const int MarkdownMaxLength = 100_000;

    /// <summary>The section as a Markdown chapter (for export and for diffs).</summary>
    public string ToMarkdownChapter() => $"## {Title}\n\n{Markdown.Trim()}\n";
}

/// <summary>Rules every list of sections must follow, whether a draft, a proposal or a version.</summary>
public static class CodexSections
{
    public const int MaxSections = 50;

    public static IReadOnlyList<CodexSection> Normalise(IEnumerable<CodexSection> sections)
    {
        var list = sections.Select(NormaliseOne).ToList();
        if (list.Count == 0)
        {
            throw new DomainException("Codex.NoSections", "A codex needs at least one section.");
        }

        if (list.Count > MaxSections)
        {
            throw new DomainException("Codex.TooManySections", $"A codex has at most {MaxSections} sections.");
        }

        if (list.Any(s => s.Title.Length == 0))
        {
            throw new DomainException("Codex.SectionTitleRequired", "Every section needs a title.");
        }

        if (list.Select(s => s.Id).Distinct().Count() != list.Count)
        {
            throw new DomainException("Codex.DuplicateSection", "A section appears twice.");
        }

        return list;
    }

    /// <summary>
    /// A section as it is compared and stored: title trimmed, line endings "\n" whatever the
    /// browser sent ("\r\n", "\r"), no trailing blanks. Text that differs only there is the same text.
    /// </summary>
    public static CodexSection NormaliseOne(CodexSection section) => section with
    {
        Title = section.Title.Trim(),
        Markdown = section.Markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').TrimEnd(),
    };

    public static bool SameContent(IReadOnlyList<CodexSection> a, IReadOnlyList<CodexSection> b) => a.SequenceEqual(b);

    public static string ToMarkdown(string heading, IEnumerable<CodexSection> sections) =>
        $"# {heading}\n\n" + string.Join("\n", sections.Select(s => s.ToMarkdownChapter()));
}
