namespace Dashboard.Core.Stores;

/// <summary>
/// About how many orders each status has: always an estimate, from the backend's statistics or from counters
/// the backend maintains with every write, never a count over the orders. <see cref="Source"/> says which, so a
/// page can label the figures ("~1,200", "from table statistics").
/// </summary>
public sealed record OrderStatusCounts(IReadOnlyDictionary<OrderStatus, long> ByStatus, string Source)
{
    /// <summary>Every figure is approximate: statistics lag, and counters can drift (a bulk load racing a live write).</summary>
    public bool IsApproximate => true;

    public long this[OrderStatus status] => ByStatus.TryGetValue(status, out var n) ? Math.Max(0, n) : 0;

    public long Total => Enum.GetValues<OrderStatus>().Sum(s => this[s]);

    public static OrderStatusCounts From(IEnumerable<KeyValuePair<string, long>> counts, string source)
    {
        var byStatus = Enum.GetValues<OrderStatus>().ToDictionary(s => s, _ => 0L);
        foreach (var (name, n) in counts)
            if (Enum.TryParse<OrderStatus>(name, out var status)) byStatus[status] += n;
        return new OrderStatusCounts(byStatus, source);
    }
}
