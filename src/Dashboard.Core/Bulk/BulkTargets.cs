namespace Dashboard.Core.Bulk;

/// <summary>"All orders matching this filter": walks the listing page by page and takes each order as listed.</summary>
public static class BulkTargets
{
    /// <exception cref="ValidationException">More than <paramref name="max"/> orders match.</exception>
    public static async Task<IReadOnlyList<BulkTarget>> CollectAsync(
        ITenantStore store, OrderQuery query, int max, Action<int>? foundSoFar, CancellationToken ct)
    {
        var targets = new List<BulkTarget>();
        await foreach (var page in ListingPages.AllAsync((p, token) => store.ListTenantOrdersAsync(query, p, token), PageRequest.MaxSize, ct))
        {
            targets.AddRange(page.Items.Select(BulkTarget.Of));
            if (targets.Count > max)
                throw new ValidationException("orders", $"More than {max:N0} orders match; narrow the filter (a status and a date window) and try again.");
            foundSoFar?.Invoke(targets.Count);
        }
        return targets;
    }
}
