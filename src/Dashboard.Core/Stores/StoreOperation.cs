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

    /// <summary>
    /// Whether the call writes the tenant's users or orders (what a cut-over's write gate must hold back). Every
    /// operation is named here, so a new one is classified when it is added rather than passed as a read.
    /// </summary>
    public static bool IsWrite(StoreOperation op) => op switch
    {
        StoreOperation.InsertUser or StoreOperation.UpdateUser or StoreOperation.InsertOrder or StoreOperation.UpdateOrder
            or StoreOperation.BulkLoad => true,
        // Schema creation writes no entity; a change feed's reads and a ping read.
        StoreOperation.ListUsers or StoreOperation.GetUser or StoreOperation.FindUserByEmail or StoreOperation.ListOrders or StoreOperation.GetOrder
            or StoreOperation.Ping or StoreOperation.EnsureSchema or StoreOperation.ListTenantOrders or StoreOperation.CountOrdersByStatus
            or StoreOperation.LiveUpdates => false,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "an operation StoreOperations.IsWrite does not classify yet"),
    };
}
