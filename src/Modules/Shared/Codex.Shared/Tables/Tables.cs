using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

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

        return value.IndexOfAny([Separator, ',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
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

/// <summary>
/// XLSX through the Open XML SDK (decision 15): written with inline-string cells only, so no value
/// ever becomes a formula; read from the first sheet, numbers as Excel shows them by default.
/// </summary>
public static class Xlsx
{
    private const uint BoldStyle = 1;

    public static byte[] Write(string sheetName, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = HeaderStylesheet();

            var sheetData = new SheetData();
            uint r = 1;
            foreach (var row in rows)
            {
                var line = new Row { RowIndex = r };
                for (var c = 0; c < row.Count; c++)
                {
                    line.Append(new Cell
                    {
                        CellReference = ColumnName(c) + r.ToString(CultureInfo.InvariantCulture),
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(new Text(row[c]) { Space = SpaceProcessingModeValues.Preserve }),
                        StyleIndex = r == 1 ? BoldStyle : null,
                    });
                }

                sheetData.Append(line);
                r++;
            }

            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            worksheetPart.Worksheet = new Worksheet(sheetData);
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = sheetName });
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The first sheet's used range as trimmed text rows (blank rows left out), every row as wide
    /// as the rightmost column that holds a value.
    /// </summary>
    public static List<string[]> Read(Stream content)
    {
        using var document = SpreadsheetDocument.Open(content, isEditable: false);
        var workbookPart = document.WorkbookPart ?? throw new FormatException("The file has no workbook.");
        var firstSheet = workbookPart.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault();
        if (firstSheet?.Id?.Value is not { } partId || workbookPart.GetPartById(partId) is not WorksheetPart worksheetPart)
        {
            return [];
        }

        var sharedStrings = workbookPart.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var cells = new SortedDictionary<uint, Dictionary<int, string>>();
        uint nextRow = 1;
        foreach (var row in worksheetPart.Worksheet?.GetFirstChild<SheetData>()?.Elements<Row>() ?? [])
        {
            var rowIndex = row.RowIndex?.Value ?? nextRow;
            nextRow = rowIndex + 1;
            var nextColumn = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : nextColumn;
                nextColumn = column + 1;
                var value = CellText(cell, sharedStrings).Trim();
                if (value.Length > 0)
                {
                    if (!cells.TryGetValue(rowIndex, out var values))
                    {
                        cells[rowIndex] = values = [];
                    }

                    values[column] = value;
                }
            }
        }

        var width = cells.Count == 0 ? 0 : cells.Values.Max(v => v.Keys.Max()) + 1;
        return cells.Values
            .Select(values => Enumerable.Range(0, width).Select(c => values.GetValueOrDefault(c, "")).ToArray())
            .ToList();
    }

    private static string CellText(Cell cell, List<string> sharedStrings)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Count ? sharedStrings[index] : "";
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }

        if ((type is null || type == CellValues.Number)
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // What Excel's "General" format shows: 15 significant digits, no exponent noise for 4711 or 2.1.
            return number.ToString("G15", CultureInfo.InvariantCulture);
        }

        return raw;
    }

    /// <summary>"B7" → 1 (zero-based column of a cell reference).</summary>
    private static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return column - 1;
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>The smallest stylesheet Excel accepts, plus one bold font for the header row.</summary>
    private static Stylesheet HeaderStylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
}
