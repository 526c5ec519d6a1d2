using System.Globalization;
using System.Text;
using Codex.Shared.Tables;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Codex.Shared.Tests;

/// <summary>
/// The shared table reader (Codex.Shared.Tables) behind Skills' import and the people import:
/// separators, byte order mark, Windows-1252, quotes, XLSX.
/// </summary>
public sealed class TableFileTests
{
    [Theory]
    [InlineData("Vorname;Nachname\r\nJürgen;Müller\r\n")]
    [InlineData("Vorname,Nachname\nJürgen,Müller\n")]
    public void Semicolon_and_comma_separated_files_are_both_read(string text)
    {
        var rows = TableFile.Read("personen.csv", Encoding.UTF8.GetBytes(text));

        Assert.Equal([["Vorname", "Nachname"], ["Jürgen", "Müller"]], rows);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_not_part_of_the_first_header()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Personalnummer;Vorname\r\n0815;Ölaf\r\n")).ToArray();

        var rows = TableFile.Read("personen.csv", bytes);

        Assert.Equal("Personalnummer", rows[0][0]);
        Assert.Equal("Ölaf", rows[1][1]);
    }

    [Fact]
    public void A_windows_1252_file_is_recognised_and_its_umlauts_survive()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes("Nachname;Straße\r\nMüller;Größenweg € 5\r\n");

        var rows = TableFile.Read("export.csv", bytes);

        Assert.Equal(["Müller", "Größenweg € 5"], rows[1]);
    }

    [Fact]
    public void Valid_utf8_is_never_taken_for_windows_1252()
    {
        Assert.Equal("Müller", TableFile.Decode(Encoding.UTF8.GetBytes("Müller")));
    }

    [Fact]
    public void Quoted_fields_keep_separators_doubled_quotes_and_line_breaks()
    {
        var text = "Name;Einheit;Notiz\r\n\"Müller; Anna\";\"Ambulante Pflege/Pflegeteam Nord\";\"sagt \"\"Hallo\"\"\r\nzweite Zeile\"\r\n";

        var rows = TableFile.Read("p.csv", Encoding.UTF8.GetBytes(text));

        Assert.Equal(2, rows.Count);
        Assert.Equal(["Müller; Anna", "Ambulante Pflege/Pflegeteam Nord", "sagt \"Hallo\"\r\nzweite Zeile"], rows[1]);
    }

    [Fact]
    public void The_separator_is_taken_from_the_header_even_when_a_quoted_header_contains_the_other_one()
    {
        var rows = TableFile.Read("p.csv", Encoding.UTF8.GetBytes("\"Name; Vorname\",Einheit\r\n\"Krüger; Sabine\",Pflegeteam Nord\r\n"));

        Assert.Equal(["Krüger; Sabine", "Pflegeteam Nord"], rows[1]);
    }

    [Fact]
    public void Blank_lines_are_left_out_and_an_unclosed_quote_is_a_format_error()
    {
        Assert.Single(TableFile.Read("p.csv", Encoding.UTF8.GetBytes("A;B\r\n\r\n;\r\n")));
        Assert.Throws<FormatException>(() => TableFile.Read("p.csv", Encoding.UTF8.GetBytes("A;B\r\n\"offen;x\r\n")));
    }

    [Fact]
    public void The_first_sheet_of_a_workbook_as_excel_writes_it_is_read_as_text_rows()
    {
        // Excel keeps text in the shared-string table, numbers as numeric cells, and may skip empty cells.
        var file = ExcelWorkbook(
            [("A1", "Personalnummer", null), ("B1", "Nachname", null), ("C1", "Stufe", null)],
            [("A2", null, "4711"), ("B2", "Müller", null), ("C2", null, "2.1000000000000001")],
            [("A4", null, "12"), ("C4", "  mit Leerzeichen ", null)]);

        var rows = TableFile.Read("Personal.XLSX", file);

        Assert.Equal([["Personalnummer", "Nachname", "Stufe"], ["4711", "Müller", "2.1"], ["12", "", "mit Leerzeichen"]], rows);
    }

    [Fact]
    public void A_written_workbook_keeps_every_value_as_text_and_reads_back_unchanged()
    {
        string[][] rows = [["Name", "Beschreibung"], ["Formel", "=HYPERLINK(\"http://evil.example\")"], ["Zahl", "007"]];

        var file = Xlsx.Write("Werkzeuge", rows);

        Assert.Equal(rows, TableFile.Read("w.xlsx", file));
        using var document = SpreadsheetDocument.Open(new MemoryStream(file), isEditable: false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet!.Descendants<Cell>().ToList();
        Assert.All(cells, c => Assert.Equal(CellValues.InlineString, c.DataType?.Value));
        Assert.Empty(document.WorkbookPart.WorksheetParts.Single().Worksheet!.Descendants<CellFormula>());
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_is_refused()
    {
        Assert.ThrowsAny<Exception>(() => TableFile.Read("kaputt.xlsx", Encoding.UTF8.GetBytes("Vorname;Nachname")));
    }

    /// <summary>Cells given as (reference, text, number): text goes to the shared-string table.</summary>
    private static byte[] ExcelWorkbook(params (string Reference, string? Text, string? Number)[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var strings = new SharedStringTable();
            var sheetData = new SheetData();
            foreach (var row in rows)
            {
                var rowIndex = uint.Parse(row[0].Reference[1..], CultureInfo.InvariantCulture);
                var line = new Row { RowIndex = rowIndex };
                foreach (var (reference, text, number) in row)
                {
                    if (text is not null)
                    {
                        strings.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                        line.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue((strings.ChildElements.Count - 1).ToString(CultureInfo.InvariantCulture)) });
                    }
                    else
                    {
                        line.Append(new Cell { CellReference = reference, CellValue = new CellValue(number!) });
                    }
                }

                sheetData.Append(line);
            }

            workbookPart.AddNewPart<SharedStringTablePart>().SharedStringTable = strings;
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            worksheetPart.Worksheet = new Worksheet(sheetData);
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = "Personal" }));
        }

        return stream.ToArray();
    }
}
