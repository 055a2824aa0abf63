using System.Text;
using Dashboard.Core.Domain;
using Dashboard.Core.Export;
using Dashboard.Core.Paging;

namespace Dashboard.Tests.Orders;

public sealed class CsvStreamWriterTests
{
    private static async IAsyncEnumerable<Page<User>> Pages(params User[][] pages)
    {
        foreach (var items in pages)
        {
            await Task.Yield();
            yield return new Page<User>(items, null);
        }
    }

    private static User Person(string name, string email = "a@example.com") =>
        new("01ARZ3NDEKTSV4RRFFQ69G5FAV", email, name, null, new DateTimeOffset(2025, 1, 2, 3, 4, 5, 6, TimeSpan.Zero),
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, 6, TimeSpan.Zero), 1);

    private static async Task<(string Text, byte[] Bytes, long Rows)> WriteAsync(params User[][] pages)
    {
        using var output = new MemoryStream();
        var reported = new List<long>();
        var rows = await CsvStreamWriter.WriteAsync(output, ExportColumns.Users, Pages(pages), reported.Add, TestContext.Current.CancellationToken);
        Assert.Equal(rows, reported.LastOrDefault());
        var bytes = output.ToArray();
        return (Encoding.UTF8.GetString(bytes), bytes, rows);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("Ada = Lovelace", "Ada = Lovelace")]
    public async Task Cells_that_a_spreadsheet_would_run_as_formulas_are_written_as_text(string name, string cell)
    {
        var (text, _, _) = await WriteAsync([Person(name)]);

        var line = text.Split("\r\n")[1];
        Assert.Equal($"01ARZ3NDEKTSV4RRFFQ69G5FAV,a@example.com,{cell},2025-01-02T03:04:05.006Z,2025-01-02T03:04:05.006Z", line);
    }

    [Fact]
    public async Task Output_is_utf8_with_a_bom_a_header_crlf_lines_and_rfc4180_quoting()
    {
        var (text, bytes, rows) = await WriteAsync([Person("Grace, \"Amazing\" Hopper")], [Person("Zoë\nSecond line")], []);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = text.TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal("id,email,name,created_at,updated_at", lines[0]);
        Assert.Contains("\"Grace, \"\"Amazing\"\" Hopper\"", lines[1]);
        Assert.Contains("\"Zoë\nSecond line\"", text);
        Assert.Equal(2, rows);
        Assert.EndsWith("\r\n", text);
    }

    [Fact]
    public async Task A_listing_that_fails_on_its_first_page_writes_nothing()
    {
        using var output = new MemoryStream();
        static async IAsyncEnumerable<Page<User>> Failing()
        {
            await Task.Yield();
            throw new InvalidOperationException("backend down");
#pragma warning disable CS0162
            yield break;
#pragma warning restore CS0162
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CsvStreamWriter.WriteAsync(output, ExportColumns.Users, Failing(), null, TestContext.Current.CancellationToken));
        Assert.Equal(0, output.Length);
    }
}
