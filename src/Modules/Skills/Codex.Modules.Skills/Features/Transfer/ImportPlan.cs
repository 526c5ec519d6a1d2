namespace Codex.Modules.Skills.Features.Transfer;

/// <summary>What an import would do: errors by row and column, and the changes with the action that applies each.</summary>
internal sealed class ImportPlan(List<string[]> rows)
{
    private readonly List<ImportError> _errors = [];
    private readonly List<ImportChange> _changes = [];
    private readonly List<Action> _actions = [];

    public List<string[]> Rows { get; } = rows;

    public IReadOnlyList<ImportError> Errors => _errors;

    public IReadOnlyList<ImportChange> Changes => _changes;

    public IReadOnlyList<Action> Actions => _actions;

    public IEnumerable<(string[] Row, int Number)> DataRows() => Rows.Skip(1).Select((r, i) => (r, i + 2));

    public bool ExpectHeader(string[] columns)
    {
        var header = Rows[0];
        for (var c = 0; c < columns.Length; c++)
        {
            if (c >= header.Length || !string.Equals(header[c], columns[c], StringComparison.OrdinalIgnoreCase))
            {
                Error(1, c, "Import.HeaderExpected", columns[c]);
            }
        }

        return _errors.Count == 0;
    }

    public string Cell(string[] row, int column) => column < row.Length ? row[column] : "";

    public string Text(string[] row, int number, int column, int maxLength, bool required = false)
    {
        var value = Cell(row, column);
        if (required && value.Length == 0)
        {
            Error(number, column, "Import.Required", "");
        }
        else if (value.Length > maxLength)
        {
            Error(number, column, "Import.TooLong", value[..Math.Min(40, value.Length)] + "…");
        }

        return value.Length > maxLength ? "" : value;
    }

    public T? Enum<T>(string[] row, int number, int column) where T : struct, System.Enum
    {
        var value = Cell(row, column);
        if (System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        Error(number, column, "Import.BadValue", value);
        return null;
    }

    public void Error(int row, int column, string key, string value) =>
        _errors.Add(new ImportError(row, ColumnName(column), key, value));

    public void Change(string subject, string? oldValue, string newValue, Action? apply) => Change(subject, oldValue, newValue, null, apply);

    public void Change(string subject, string? oldValue, string newValue, Guid? personId, Action? apply)
    {
        _changes.Add(new ImportChange(subject, oldValue, newValue, personId));
        if (apply is not null)
        {
            _actions.Add(apply);
        }
    }

    public void Action(Action apply) => _actions.Add(apply);

    /// <summary>The header's name of the column when there is one, else its spreadsheet letter.</summary>
    private string ColumnName(int column)
    {
        var letter = column < 26 ? ((char)('A' + column)).ToString() : "A" + (char)('A' + column - 26);
        return column < Rows[0].Length && Rows[0][column].Length > 0 ? $"{letter} ({Rows[0][column]})" : letter;
    }
}
