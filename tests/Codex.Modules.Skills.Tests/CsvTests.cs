using Codex.Shared.Tables;

namespace Codex.Modules.Skills.Tests;

public sealed class CsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")")]
    [InlineData("+49 221 0000")]
    [InlineData("-1+1")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tcmd")]
    [InlineData("\rcmd")]
    public void A_cell_that_would_start_a_formula_is_neutralised_on_export_and_restored_on_import(string value)
    {
        var csv = Csv.Write([["Name"], [value]]);
        var line = csv.Split("\r\n")[1];

        Assert.StartsWith(line.StartsWith('"') ? "\"'" : "'", line, StringComparison.Ordinal);
        Assert.Equal(value, Csv.Unneutralise(Csv.Read(csv)[1][0]));
    }

    [Fact]
    public void Separators_quotes_and_line_breaks_survive_a_round_trip()
    {
        string[] row = ["Dienst-Messenger; „sicher“", "sagt \"Hallo\"", "zwei\r\nZeilen", ""];
        var read = Csv.Read(Csv.Write([["a", "b", "c", "d"], row]));

        Assert.Equal(row, read[1]);
    }

    [Fact]
    public void Comma_separated_files_are_read_too_and_a_byte_order_mark_is_ignored()
    {
        var read = Csv.Read("\uFEFFName,Description\r\nOffice-Paket,\"Text, Tabellen\"\n");

        Assert.Equal(["Name", "Description"], read[0]);
        Assert.Equal(["Office-Paket", "Text, Tabellen"], read[1]);
        Assert.Equal(2, read.Count);
    }

    [Fact]
    public void An_unclosed_quote_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => Csv.Read("Name;Description\r\n\"offen;x\r\n"));
    }
}
