namespace Dashboard.Core.Paging;

/// <summary>
/// One listing — which rows, in which order, under which filter — as its continuation tokens name it. Every
/// backend pages through these, so a token kind is spelled once, and a token is read back only by the listing
/// that wrote it: one from another listing or filter is <see cref="ContinuationToken.NotValid"/>. A new listing
/// is one more factory here; <see cref="Assemble{TRow,TItem,TPosition}"/> turns what a backend fetched into its page.
/// </summary>
public sealed class Listing
{
    private Listing(string kind) => Kind = kind;

    /// <summary>The tag its tokens carry, e.g. <c>users/Email/ann</c> or <c>orders/{userId}</c>.</summary>
    public string Kind { get; }

    /// <summary>Users ordered by the query's field, inside its (normalised) prefix.</summary>
    public static Listing Users(UserQuery query) => Of("users", query.Field.ToString(), query.NormalizedPrefix ?? "");

    /// <summary>One user's orders, newest first.</summary>
    public static Listing OrdersOf(string userId) => Of("orders", userId);

    /// <summary>A tenant's orders newest first, of the query's status and creation window.</summary>
    public static Listing TenantOrders(OrderQuery query) =>
        Of("tenant-orders", query.Status?.ToString() ?? "any", query.From?.ToString("yyyy-MM-dd") ?? "", query.To?.ToString("yyyy-MM-dd") ?? "");

    /// <summary>
    /// Parts joined by '/', each with '%' and '/' escaped, so a part holding a '/' (a search text) can never make
    /// one listing's kind equal another's.
    /// </summary>
    private static Listing Of(params string[] parts) =>
        new(string.Join('/', parts.Select(p => p.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal))));

    /// <summary>Where the requested page starts: the position its token carries, or null for the first page.</summary>
    public TPosition? Resume<TPosition>(PageRequest page) where TPosition : class =>
        page.ContinuationToken is null ? null : ContinuationToken.Decode<TPosition>(Kind, page.ContinuationToken);

    /// <summary>The token of the page that continues after <paramref name="position"/>.</summary>
    public string ContinueAfter<TPosition>(TPosition position) => ContinuationToken.Encode(Kind, position);

    /// <summary>
    /// How many rows to fetch for a page: one more than it shows, so the extra row tells whether another page
    /// follows without counting anything.
    /// </summary>
    public static int FetchSize(PageRequest page) => page.Size + 1;

    /// <summary>
    /// The page from rows fetched in listing order with <see cref="FetchSize"/>: the first <c>page.Size</c> rows,
    /// and a token continuing after the last of them when the extra row shows more follow.
    /// </summary>
    public Page<TItem> Assemble<TRow, TItem, TPosition>(
        IReadOnlyList<TRow> fetched, PageRequest page, Func<TRow, TItem> toItem, Func<TRow, TPosition> positionOf, long? approximateTotal = null)
    {
        var shown = Math.Min(fetched.Count, page.Size);
        var items = new List<TItem>(shown);
        for (var i = 0; i < shown; i++) items.Add(toItem(fetched[i]));
        var next = fetched.Count > page.Size ? ContinueAfter(positionOf(fetched[page.Size - 1])) : null;
        return new Page<TItem>(items, next, approximateTotal);
    }

    public override string ToString() => Kind;
}
