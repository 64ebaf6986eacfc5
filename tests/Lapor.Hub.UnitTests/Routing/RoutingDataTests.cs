using Lapor.Hub.Data;
using Lapor.Hub.Routing;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Routing;

public sealed class RoutingDataTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Reads_quoted_multi_line_fields_regions_and_dates()
    {
        var path = _temp.Write("ok.csv", """
            id,text,topic,agency,district,subdistrict,submitted_at
            1,"jalan rusak
            di depan ""rumah"" saya, mohon diperbaiki",Jalan Rusak,Dinas Sumber Daya Air dan Bina Marga,Tegalsari,Dr. Soetomo,2022-01-21 09:36
            2,lampu mati,PJU,Dinas Perhubungan,Gubeng,Airlangga,2022-01-22 10:00

            """);

        var examples = RoutingData.ReadCsv(path, "text", "topic", "agency", "district+subdistrict", "submitted_at");

        Assert.Equal(2, examples.Count);
        Assert.Equal("jalan rusak\ndi depan \"rumah\" saya, mohon diperbaiki", examples[0].Text);
        Assert.Equal("Tegalsari/Dr. Soetomo", examples[0].RegionCode);
        Assert.Equal(new DateTimeOffset(2022, 1, 21, 9, 36, 0, TimeSpan.Zero), examples[0].At);
        Assert.Equal("PJU", examples[1].Category);
    }

    [Fact]
    public void A_missing_column_is_named_with_the_header_and_its_line()
    {
        var path = _temp.Write("missing.csv", "id,text,agency\n1,jalan rusak,Dinas Sumber Daya Air dan Bina Marga\n");

        var error = Assert.Throws<CsvFormatException>(() => RoutingData.ReadCsv(path, "text", "topic", "agency"));

        Assert.Equal(1, error.Line);
        Assert.Contains("\"topic\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("id, text, agency", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_quoting_names_the_line()
    {
        var path = _temp.Write("quotes.csv", "text,topic,agency\n\"ok\",A,B\nbad \"quote\" here,A,B\n");

        var error = Assert.Throws<CsvFormatException>(() => RoutingData.ReadCsv(path, "text", "topic", "agency"));

        Assert.Equal(3, error.Line);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_names_the_line_where_the_field_starts()
    {
        var path = _temp.Write("unclosed.csv", "text,topic,agency\nok,A,B\n\"never closed,A,B\nmore text\n");

        var error = Assert.Throws<CsvFormatException>(() => RoutingData.ReadCsv(path, "text", "topic", "agency"));

        Assert.Equal(3, error.Line);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_an_error_on_line_1()
    {
        var path = _temp.Write("empty.csv", "");

        var error = Assert.Throws<CsvFormatException>(() => RoutingData.ReadCsv(path, "text", "topic", "agency"));

        Assert.Equal(1, error.Line);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_rows_is_an_error()
    {
        var path = _temp.Write("header.csv", "text,topic,agency\n");

        var error = Assert.Throws<CsvFormatException>(() => RoutingData.ReadCsv(path, "text", "topic", "agency"));

        Assert.Contains("no data rows", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text,topic,agency\nok,A,B\n,A,B\n", 3, "text")]
    [InlineData("text,topic,agency\nok,A,B\nok,A\n", 3, "expected 3 fields")]
    public void Empty_text_or_labels_and_short_rows_name_the_line(string csv, int line, string problem)
    {
        var path = _temp.Write("rows.csv", csv);

        var error = Assert.Throws<CsvFormatException>(() => RoutingData.ReadCsv(path, "text", "topic", "agency"));

        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_without_a_label_keeps_it_empty_for_the_other_task_to_use()
    {
        var path = _temp.Write("no-topic.csv", "text,topic,agency\nada pkl di trotoar,,Satuan Polisi Pamong Praja\nlampu mati,Penerangan,\n");

        var examples = RoutingData.ReadCsv(path, "text", "topic", "agency");

        Assert.Equal([(false, true), (true, false)], examples.Select(e => (e.Category.Length > 0, e.Agency.Length > 0)));
    }

    [Fact]
    public void An_empty_label_can_stand_for_itself_when_asked()
    {
        var path = _temp.Write("empty-label.csv", "text,topic,agency\nada pkl di trotoar,,Satuan Polisi Pamong Praja\n");

        var examples = RoutingData.ReadCsv(path, "text", "topic", "agency", emptyLabel: "(tanpa topik)");

        Assert.Equal("(tanpa topik)", Assert.Single(examples).Category);
    }

    [Fact]
    public void An_unreadable_date_names_the_line()
    {
        var path = _temp.Write("dates.csv", "text,topic,agency,at\nok,A,B,2022-01-01\nok,A,B,kemarin\n");

        var error = Assert.Throws<CsvFormatException>(() => RoutingData.ReadCsv(path, "text", "topic", "agency", dateColumn: "at"));

        Assert.Equal(3, error.Line);
        Assert.Contains("kemarin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seed_format_has_text_category_agency_and_region_code()
    {
        var path = _temp.Write("seed.csv", """
            # seed examples
            text,category,agency,region_code
            "jalan berlubang",Infrastruktur,Dinas PU,35.78
            "sampah menumpuk",Lingkungan Hidup,Dinas Lingkungan Hidup,
            """);

        var examples = RoutingData.ReadSeed(path);

        Assert.Equal(2, examples.Count);
        Assert.Equal("35.78", examples[0].RegionCode);
        Assert.Null(examples[1].RegionCode);
    }

    [Theory]
    [InlineData("", 1, "empty")]
    [InlineData("id,text,agency\n1,jalan rusak,Dinas PU\n", 1, "\"topic\"")]
    [InlineData("text,topic,agency\nok,A,B\nbad \"quote\",A,B\n", 3, "quote")]
    public async Task The_command_line_reports_file_and_line_with_exit_code_1(string csv, int line, string problem)
    {
        var path = _temp.Write("cli.csv", csv);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await RoutingCommandLine.RunAsync(
            ["train", "--data", path, "--text-column", "text", "--category-column", "topic", "--agency-column", "agency", "--out", _temp.Combine("model")],
            stdout,
            stderr);

        Assert.Equal(1, exit);
        Assert.Contains($"{path}, line {line}:", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains(problem, stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
        Assert.False(Directory.Exists(_temp.Combine("model")));
    }
}
