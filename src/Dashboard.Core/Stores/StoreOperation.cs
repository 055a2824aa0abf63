namespace Dashboard.Core.Stores;

/// <summary>The <see cref="IDataStore"/> methods, as metered operations.</summary>
public enum StoreOperation
{
    ListUsers,
    GetUser,
    FindUserByEmail,
    InsertUser,
    UpdateUser,
    ListOrders,
    GetOrder,
    InsertOrder,
    UpdateOrder,
    Ping,
    EnsureSchema,
    BulkLoad,
    ListTenantOrders,
    CountOrdersByStatus,
    /// <summary>A change feed's own reads: a poll, a stream's events, a GetRecords round (see <see cref="Live.IChangeFeed"/>).</summary>
    LiveUpdates,
}

public static class StoreOperations
{
    public const int Count = 15;

    public static IReadOnlyList<StoreOperation> All { get; } = Enum.GetValues<StoreOperation>();

    /// <summary>Snake-case names, the same the SQL provider puts in its SQLCommenter tags ("list_users").</summary>
    public static string Name(StoreOperation op) => op switch
    {
        StoreOperation.ListUsers => "list_users",
        StoreOperation.GetUser => "get_user",
        StoreOperation.FindUserByEmail => "find_user_by_email",
        StoreOperation.InsertUser => "insert_user",
        StoreOperation.UpdateUser => "update_user",
        StoreOperation.ListOrders => "list_orders",
        StoreOperation.GetOrder => "get_order",
        StoreOperation.InsertOrder => "insert_order",
        StoreOperation.UpdateOrder => "update_order",
        StoreOperation.Ping => "ping",
        StoreOperation.EnsureSchema => "ensure_schema",
        StoreOperation.ListTenantOrders => "list_tenant_orders",
        StoreOperation.CountOrdersByStatus => "count_orders_by_status",
        StoreOperation.LiveUpdates => "live_updates",
        _ => "bulk_load",
    };

    /// <summary>Maintenance calls (schema, bulk load) are long by nature: no request timeout applies to them.</summary>
    public static bool IsMaintenance(StoreOperation op) => op is StoreOperation.EnsureSchema or StoreOperation.BulkLoad;
}
