using System.Text;
using ClosedXML.Excel;
using Codex.Shared.Tables;

namespace Codex.Modules.Skills.Tests;

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
    public void The_first_sheet_of_a_workbook_is_read_as_text_rows()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Personal");
        sheet.Cell(1, 1).Value = "Personalnummer";
        sheet.Cell(1, 2).Value = "Nachname";
        sheet.Cell(2, 1).Value = 4711;
        sheet.Cell(2, 2).Value = "Müller";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var rows = TableFile.Read("Personal.XLSX", stream.ToArray());

        Assert.Equal([["Personalnummer", "Nachname"], ["4711", "Müller"]], rows);
    }
}
