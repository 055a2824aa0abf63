using System.Text.Json;

namespace Dashboard.Core.Export;

/// <summary>
/// Exports a tenant's users or orders, with the page's filter, as CSV into a stream: through the person's own
/// store (so the same grants apply as on the page), every page of the listing in turn, never the whole list in
/// memory. Every export is audited — who, tenant, filter, rows and how it ended — before the caller finishes
/// the download: if the entry cannot be written the export counts as failed, so no complete file leaves unaudited.
/// </summary>
public sealed class CsvExporter(IAuditLog audit, TimeProvider clock, ILogger<CsvExporter> logger)
{
    /// <summary>Rows per store call: the largest page the port serves, so a big export takes the fewest calls.</summary>
    public const int PageSize = PageRequest.MaxSize;

    public async Task<ExportOutcome> ExportAsync(
        ITenantStore store, Person person, ExportFilter filter, Stream output, Action<long>? rowsSoFar, CancellationToken ct)
    {
        long rows = 0;
        void Progress(long n)
        {
            rows = n;
            rowsSoFar?.Invoke(n);
        }

        ExportOutcome outcome;
        try
        {
            rows = filter switch
            {
                UsersExportFilter users => await CsvStreamWriter.WriteAsync(output, ExportColumns.Users,
                    ListingPages.AllAsync((page, token) => store.ListUsersAsync(users.Query, page, token), PageSize, ct), Progress, ct),
                OrdersExportFilter orders => await CsvStreamWriter.WriteAsync(output, ExportColumns.Orders,
                    ListingPages.AllAsync((page, token) => store.ListTenantOrdersAsync(orders.Query, page, token), PageSize, ct), Progress, ct),
                _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown export."),
            };
            outcome = new ExportOutcome(ExportResult.Completed, rows);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            outcome = new ExportOutcome(ExportResult.Cancelled, rows);
        }
        catch (Exception e)
        {
            outcome = new ExportOutcome(ExportResult.Failed, rows, e);
        }

        try
        {
            await RecordAsync(store.Tenant.Id, person, filter, outcome);
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "UNAUDITED EXPORT: {Actor} exported {List} ({Filter}) of tenant {Tenant}, {Rows} rows, {Result}",
                person.Id, filter.List, filter.Describe(), store.Tenant.Id, outcome.Rows, outcome.Result);
            return new ExportOutcome(ExportResult.Failed, outcome.Rows, new AuditWriteFailedException(Entry(store.Tenant.Id, person, filter, outcome), e));
        }
        return outcome;
    }

    private async Task RecordAsync(string tenant, Person person, ExportFilter filter, ExportOutcome outcome)
    {
        var entry = Entry(tenant, person, filter, outcome);
        // The rows are already out: a person closing the tab must not cancel the record of it.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await audit.AppendAsync(entry, CancellationToken.None);
                return;
            }
            catch (Exception e) when (attempt < 3)
            {
                logger.LogWarning("Export audit append failed (attempt {Attempt}), retrying: {Problem}", attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), clock, CancellationToken.None);
            }
        }
    }

    private AuditEntry Entry(string tenant, Person person, ExportFilter filter, ExportOutcome outcome)
    {
        var describe = filter.Describe();
        var after = JsonSerializer.Serialize(new
        {
            list = filter.List,
            filter = describe,
            rows = outcome.Rows,
            result = outcome.Result.ToString(),
            problem = outcome.Error?.Message,
        });
        return new AuditEntry(0, clock.GetUtcNow(), person.Id, person.Name, tenant, "Export",
            describe.Length == 0 ? filter.List : $"{filter.List}?{describe}", AuditAction.Export, null, after);
    }
}
