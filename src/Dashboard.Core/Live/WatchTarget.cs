namespace Dashboard.Core.Live;

/// <summary>What a page watches: one entity, or a listing that new entities join.</summary>
public enum WatchKind
{
    /// <summary>One order: every committed update.</summary>
    Order,
    /// <summary>One user's profile: every committed update.</summary>
    User,
    /// <summary>A user's orders: each new order.</summary>
    UserOrders,
    /// <summary>The tenant's orders: each new order.</summary>
    TenantOrders,
    /// <summary>The tenant's users: each new user.</summary>
    TenantUsers,
    /// <summary>Every write of any of the tenant's orders, inserts and updates (a migration's catch-up follows it).</summary>
    OrderWrites,
    /// <summary>Every write of any of the tenant's users, inserts and updates (a migration's catch-up follows it).</summary>
    UserWrites,
}

/// <summary>An entity or listing to watch; <see cref="Id"/> is the order or user id (none for tenant listings).</summary>
public sealed record WatchTarget(WatchKind Kind, string? Id = null)
{
    public static WatchTarget OrderOf(string id) => new(WatchKind.Order, id);
    public static WatchTarget UserOf(string id) => new(WatchKind.User, id);
    public static WatchTarget OrdersOf(string userId) => new(WatchKind.UserOrders, userId);
    public static WatchTarget TenantOrders { get; } = new(WatchKind.TenantOrders);
    public static WatchTarget TenantUsers { get; } = new(WatchKind.TenantUsers);
    public static WatchTarget AllOrderWrites { get; } = new(WatchKind.OrderWrites);
    public static WatchTarget AllUserWrites { get; } = new(WatchKind.UserWrites);

    /// <summary>A listing reports entities joining it; an entity target reports its own new versions.</summary>
    public bool IsListing => Kind is WatchKind.UserOrders or WatchKind.TenantOrders or WatchKind.TenantUsers;

    /// <summary>Whether the listing's entities are orders (else users).</summary>
    public bool IsAboutOrders => Kind is WatchKind.Order or WatchKind.UserOrders or WatchKind.TenantOrders or WatchKind.OrderWrites;

    /// <summary>Every write of every entity of one kind in the tenant: no id, and updates count as well as inserts.</summary>
    public bool IsTenantWide => Kind is WatchKind.OrderWrites or WatchKind.UserWrites;

    public override string ToString() => Id is null ? Kind.ToString() : $"{Kind}/{Id}";
}
