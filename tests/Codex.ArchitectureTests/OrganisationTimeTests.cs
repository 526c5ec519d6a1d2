using System.Text.RegularExpressions;

namespace Codex.ArchitectureTests;

/// <summary>
/// Every time a person sees is on the organisation's clock (Codex.Shared.Time.OrganisationTime):
/// the server's own zone — UTC on a typical server — never reaches a page, a mail or an export.
/// </summary>
public sealed partial class OrganisationTimeTests
{
    [Fact]
    public void No_source_file_uses_the_servers_time_zone()
    {
        var root = RepositoryRoot();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => ServerTime().IsMatch(l.Text) && !l.Text.TrimStart().StartsWith("///", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Use OrganisationTime (LocalDate/LocalDateTime/Today) instead of:\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"\.ToLocalTime\(\)|\bDateTime(Offset)?\.Now\b|\bDateTime\.Today\b|TimeZoneInfo\.Local\b")]
    private static partial Regex ServerTime();

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Codex.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Codex.sln not found above the test output.");
    }
}
