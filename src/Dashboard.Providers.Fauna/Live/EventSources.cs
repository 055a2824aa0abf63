namespace Dashboard.Providers.Fauna.Live;

/// <summary>
/// The FQL event source of each watch target, projected to <c>{ ulid, version }</c> so events carry only what
/// the feed reports. An entity is <c>Set.single</c> of its document (every update is an event); a listing is the
/// index that serves it, which reports a document joining it as <c>add</c>; a tenant-wide write target is the
/// collection itself, whose every insert (<c>add</c>) and update is an event.
/// </summary>
internal static class EventSources
{
    public static Query For(WatchTarget target) => target.Kind switch
    {
        WatchKind.Order => Fql.Of($$"""
            Set.single(Order.byUlid({{target.Id!}}).first()!).map(o => { ulid: o.ulid, version: o.version }).eventSource()
            """),
        WatchKind.User => Fql.Of($$"""
            Set.single(User.byUlid({{target.Id!}}).first()!).map(u => { ulid: u.ulid, version: u.version }).eventSource()
            """),
        WatchKind.UserOrders => Fql.Of($$"""
            Order.byUser({{target.Id!}}).map(o => { ulid: o.ulid, version: o.version }).eventSource()
            """),
        WatchKind.TenantOrders => Fql.Of($$"""
            Order.newestFirst().map(o => { ulid: o.ulid, version: o.version }).eventSource()
            """),
        WatchKind.OrderWrites => Fql.Of($$"""
            Order.all().map(o => { ulid: o.ulid, version: o.version }).eventSource()
            """),
        WatchKind.UserWrites => Fql.Of($$"""
            User.all().map(u => { ulid: u.ulid, version: u.version }).eventSource()
            """),
        _ => Fql.Of($$"""
            User.sortedByEmail().map(u => { ulid: u.ulid, version: u.version }).eventSource()
            """),
    };

    /// <summary>Which event types are changes of the target: an entity's updates, a listing's additions.</summary>
    public static bool Reports(WatchTarget target, string type) =>
        target.IsListing ? type == "add" : type is "add" or "update";
}
