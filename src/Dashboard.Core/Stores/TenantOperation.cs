namespace Dashboard.Core.Stores;

/// <summary>The <see cref="ITenantStore"/> methods, as a decorator sees them.</summary>
public enum TenantOperation
{
    ListUsers,
    GetUser,
    FindUserByEmail,
    CreateUser,
    UpdateUser,
    ListOrders,
    GetOrder,
    CreateOrder,
    UpdateOrder,
    CheckHealth,
    ListTenantOrders,
    CountOrdersByStatus,
}

public static class TenantOperations
{
    /// <summary>Whether the operation changes the tenant's data (and so needs a role that writes).</summary>
    public static bool IsWrite(TenantOperation operation) => operation is
        TenantOperation.CreateUser or TenantOperation.UpdateUser or TenantOperation.CreateOrder or TenantOperation.UpdateOrder;
}
