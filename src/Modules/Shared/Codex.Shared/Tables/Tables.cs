using System.Text;
using ClosedXML.Excel;

namespace Codex.Shared.Tables;

/// <summary>
/// Reads an uploaded table (CSV or XLSX) into rows of trimmed cells: the one mechanism behind every
/// import (Skills' catalogue, the people import). CSV bytes are decoded as strict UTF-8 (with or
/// without byte order mark) and, when they are not valid UTF-8, as Windows-1252 — what German
/// Excel and many HR systems still write.
/// </summary>
public static class TableFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static bool IsXlsx(string fileName) => fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The rows of the file (blank rows left out). Throws <see cref="FormatException"/> or the
    /// reader's own exception for a file that cannot be read; callers report that as their input error.
    /// </summary>
    public static List<string[]> Read(string fileName, byte[] content) =>
        IsXlsx(fileName) ? Xlsx.Read(new MemoryStream(content)) : Csv.Read(Decode(content));

    /// <summary>Strict UTF-8 first (a BOM is dropped by <see cref="Csv.Read"/>), else code page 1252.</summary>
    public static string Decode(byte[] content)
    {
        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Windows1252.GetString(content);
        }
    }

    private static Encoding Windows1252
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1252);
        }
    }
}

/// <summary>RFC 4180 CSV with the semicolon German Excel expects; reading accepts semicolon or comma.</summary>
public static class Csv
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

public static class Xlsx
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
