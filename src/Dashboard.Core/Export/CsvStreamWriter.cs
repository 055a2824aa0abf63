using CsvHelper;

namespace Dashboard.Core.Export;

/// <summary>
/// Writes a listing as CSV straight into a stream, one page at a time: UTF-8 with a byte order mark (so
/// spreadsheets read accents right), RFC 4180 quoting, CRLF, a header row, and every text cell that starts
/// with = + - @ (or tab, CR) prefixed with ' and quoted, so a spreadsheet shows it as text instead of running
/// it as a formula. Nothing is written before the first page arrived, so a listing that fails at once leaves
/// the stream untouched and the caller free to answer with an error instead.
/// </summary>
public static class CsvStreamWriter
{
    public static CsvWriterOptions Options { get; } = new()
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    /// <returns>The number of data rows written (the header not counted).</returns>
    public static async Task<long> WriteAsync<T>(
        Stream output, IReadOnlyList<CsvColumn<T>> columns, IAsyncEnumerable<Page<T>> pages, Action<long>? rowsSoFar, CancellationToken ct)
    {
        long rows = 0;
        await using var enumerator = pages.GetAsyncEnumerator(ct);
        if (!await enumerator.MoveNextAsync()) return 0;
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        csv.WriteHeader(columns.Select(c => c.Header).ToArray());
        do
        {
            foreach (var row in enumerator.Current.Items)
            {
                foreach (var column in columns) column.Write(csv, row);
                await csv.EndRecordAsync(ct);
                rows++;
            }
            // Each page goes out as it is done: the person's download grows and memory holds one page.
            await csv.FlushAsync(ct);
            rowsSoFar?.Invoke(rows);
        }
        while (await enumerator.MoveNextAsync());
        return rows;
    }
}
