using System.Text;
using ClosedXML.Excel;

namespace Codex.Modules.Skills.Features.Transfer;

/// <summary>RFC 4180 CSV with the semicolon German Excel expects; reading accepts semicolon or comma.</summary>
internal static class Csv
{
    public const char Separator = ';';

    /// <summary>Characters that make a spreadsheet treat a cell as a formula (or DDE) when it opens the file.</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Write(IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(Separator, row.Select(Field)).Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>A cell that would start a formula is prefixed with an apostrophe, then quoted where needed.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && FormulaStarts.Contains(value[0]))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([Separator, ',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    /// <summary>Parses the whole text; the separator is the first ';' or ',' outside quotes on the header line.</summary>
    public static List<string[]> Read(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var separator = DetectSeparator(text);
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0 && !fieldStarted)
            {
                quoted = true;
                fieldStarted = true;
            }
            else if (c == separator)
            {
                row.Add(field.ToString());
                field.Clear();
                fieldStarted = false;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                fieldStarted = false;
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }

        if (quoted)
        {
            throw new FormatException("A quoted field is not closed.");
        }

        if (field.Length > 0 || row.Count > 0 || fieldStarted)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        // Blank lines (e.g. a trailing one) carry nothing.
        return rows.Where(r => r.Any(v => v.Length > 0)).ToList();
    }

    private static char DetectSeparator(string text)
    {
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is ';' or ',')
            {
                return c;
            }
            else if (!quoted && c is '\r' or '\n')
            {
                break;
            }
        }

        return Separator;
    }

    /// <summary>Undoes the export's formula neutralisation, so a round trip keeps the value.</summary>
    public static string Unneutralise(string value) =>
        value.Length > 1 && value[0] == '\'' && FormulaStarts.Contains(value[1]) ? value[1..] : value;
}

internal static class Xlsx
{
    public static byte[] Write(string sheetName, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(sheetName);
        var r = 1;
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Count; c++)
            {
                // Always a text cell: a value starting with "=" stays text, never a formula.
                var cell = sheet.Cell(r, c + 1);
                cell.DataType = XLDataType.Text;
                cell.Value = row[c];
            }

            r++;
        }

        sheet.Row(1).Style.Font.Bold = true;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    public static List<string[]> Read(Stream content)
    {
        using var workbook = new XLWorkbook(content);
        var sheet = workbook.Worksheets.First();
        var used = sheet.RangeUsed();
        if (used is null)
        {
            return [];
        }

        var columns = used.LastColumn().ColumnNumber();
        return used.Rows()
            .Select(row => Enumerable.Range(1, columns).Select(c => sheet.Cell(row.RowNumber(), c).GetFormattedString().Trim()).ToArray())
            .Where(r => r.Any(v => v.Length > 0))
            .ToList();
    }
}
