using System.Collections.Concurrent;
using MediatR;

namespace Codex.Shared.Privacy;

/// <summary>
/// "Meine Daten" (GDPR Art. 15 and 20): published by the Host for one person; every module that holds data about
/// them adds one <see cref="PersonalDataSection"/>, already in the reader's language and with local times.
/// The collector is thread-safe, so handlers may add from wherever they run.
/// </summary>
public sealed class PersonalDataRequested(Guid personId) : INotification
{
    private readonly ConcurrentQueue<PersonalDataSection> _sections = new();

    public Guid PersonId { get; } = personId;

    public IReadOnlyList<PersonalDataSection> Sections => [.. _sections];

    public void Add(PersonalDataSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        _sections.Enqueue(section);
    }
}

/// <summary>What one module holds about the person. <paramref name="Module"/> is the module's key (e.g. "Skills").</summary>
public sealed record PersonalDataSection(string Module, string Title, IReadOnlyList<PersonalDataTable> Tables, string? Note = null);

/// <summary>
/// One kind of record: a stable <paramref name="Key"/> (for machines), a title and column headers in the reader's
/// language, and rows of cells formatted for the reader (one cell per column).
/// </summary>
public sealed record PersonalDataTable(string Key, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Builds a table; every row must have one cell per column.</summary>
    public static PersonalDataTable Of(string key, string title, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var list = rows.ToList();
        if (list.Any(r => r.Count != columns.Count))
        {
            throw new ArgumentException($"Every row of '{key}' needs {columns.Count} cells.", nameof(rows));
        }

        return new PersonalDataTable(key, title, columns, list);
    }
}
