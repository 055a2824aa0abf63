namespace Dashboard.Providers.Fauna.Model;

/// <summary>
/// The tenant's collections, created when missing (safe to run again). Every listing reads one index range in
/// its final order, so a page never scans a collection:
/// <list type="bullet">
/// <item><c>User.byUlid</c> / <c>Order.byUlid</c>: our id to the document (unique);</item>
/// <item><c>User.byEmail</c>: lookup by email; the unique constraint on <c>email</c> refuses a second user;</item>
/// <item><c>User.sortedByEmail</c>, <c>User.sortedByName</c> (lower-case name, then id): the unfiltered listings;</item>
/// <item><c>User.byEmailPrefixN</c>, <c>User.byNamePrefixN</c>: the same orders inside one prefix (<see cref="SearchPrefixes"/>);</item>
/// <item><c>Order.byUser</c>: a user's orders newest first (ULIDs descending sort by creation time);</item>
/// <item><c>Order.byStatus</c>, <c>Order.newestFirst</c>: the tenant's orders of one status, or all, newest first;</item>
/// <item><c>OrderCount.byKey</c>: one counter document per status, kept by every order write (<see cref="OrderCounts"/>).</item>
/// </list>
/// A collection made before an index existed gets it by an update of its definition (the indexes are rebuilt).
/// </summary>
internal static class Schema
{
    public static Query Ensure() => Fql.Of($$"""
        if (Collection.byName("User") == null) Collection.create({
          name: "User",
          indexes: {
            byUlid: { terms: [{ field: ".ulid" }] },
            byEmail: { terms: [{ field: ".email" }] },
            sortedByEmail: { values: [{ field: ".email" }] },
            sortedByName: { values: [{ field: ".nameKey" }, { field: ".ulid" }] },
            byEmailPrefix1: { terms: [{ field: ".search.email1" }], values: [{ field: ".email" }] },
            byEmailPrefix2: { terms: [{ field: ".search.email2" }], values: [{ field: ".email" }] },
            byEmailPrefix3: { terms: [{ field: ".search.email3" }], values: [{ field: ".email" }] },
            byNamePrefix1: { terms: [{ field: ".search.name1" }], values: [{ field: ".nameKey" }, { field: ".ulid" }] },
            byNamePrefix2: { terms: [{ field: ".search.name2" }], values: [{ field: ".nameKey" }, { field: ".ulid" }] },
            byNamePrefix3: { terms: [{ field: ".search.name3" }], values: [{ field: ".nameKey" }, { field: ".ulid" }] }
          },
          constraints: [{ unique: ["ulid"] }, { unique: ["email"] }]
        })
        let orderIndexes = {
          byUlid: { terms: [{ field: ".ulid" }] },
          byUser: { terms: [{ field: ".userId" }], values: [{ field: ".ulid", order: "desc" }] },
          byStatus: { terms: [{ field: ".status" }], values: [{ field: ".ulid", order: "desc" }] },
          newestFirst: { values: [{ field: ".ulid", order: "desc" }] }
        }
        if (Collection.byName("Order") == null) Collection.create({
          name: "Order",
          indexes: orderIndexes,
          constraints: [{ unique: ["ulid"] }]
        })
        if (Collection.byName("Order")!.indexes.byStatus == null) Collection.byName("Order")!.update({ indexes: orderIndexes })
        if (Collection.byName("OrderCount") == null) Collection.create({
          name: "OrderCount",
          indexes: { byKey: { terms: [{ field: ".key" }] } },
          constraints: [{ unique: ["key"] }]
        })
        Collection.byName("User") != null && Collection.byName("Order") != null && Collection.byName("OrderCount") != null
        """);

    /// <summary>A cheap read that proves the secret works and the collections exist.</summary>
    public static Query Exists() => Fql.Of($$"""Collection.byName("User") != null && Collection.byName("Order") != null""");

    /// <summary>Whether the status counters still have to be counted (a database from before they existed, or new).</summary>
    public static Query CountersMissing() => Fql.Of($$"""OrderCount.byKey("Pending").isEmpty()""");
}
