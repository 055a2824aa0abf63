namespace Dashboard.Providers.Fauna.Model;

/// <summary>
/// Orders per status, maintained: an <c>OrderCount</c> document per status (<c>key</c>, <c>n</c>) that every order
/// insert and status change updates inside the same query, so in the same transaction. Reading is five index
/// lookups. Bulk loads set them by counting the status index afterwards (off the page path). One document per
/// status keeps the FQL simple; at sustained hundreds of status changes a second it would become a contention
/// point on Fauna, and would be sharded like DynamoDB's counters.
/// </summary>
internal static class OrderCounts
{
    public const string Source = "counters maintained with every order write";

    /// <summary>FQL statements adding <paramref name="delta"/> to a status's counter (creating it at need).</summary>
    public static Query Add(string status, long delta) => Fql.Of($$"""
        {
          let counter = OrderCount.byKey({{status}}).first()
          if (counter == null) OrderCount.create({ key: {{status}}, n: {{delta}} }) else counter!.update({ n: counter!.n + {{delta}} })
          null
        }
        """);

    public static Query Read() => Fql.Of($$"""
        {{Enum.GetNames<OrderStatus>()}}.map(s => { key: s, n: OrderCount.byKey(s).first()?.n ?? 0 })
        """);

    /// <summary>Sets every counter from the status index: after a bulk load, and when the counters are first made.</summary>
    public static Query Recount() => Fql.Of($$"""
        {{Enum.GetNames<OrderStatus>()}}.forEach(s => {
          let n = Order.byStatus(s).count()
          let counter = OrderCount.byKey(s).first()
          if (counter == null) OrderCount.create({ key: s, n: n }) else counter!.update({ n: n })
        })
        """);
}
