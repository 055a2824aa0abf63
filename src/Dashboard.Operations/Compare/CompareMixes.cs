using Dashboard.Operations.Load;

namespace Dashboard.Operations.Compare;

/// <summary>
/// The mix a workload stands for. A tenant's recorded mix comes from this instance's metering store: its calls of
/// the last 24 hours per operation, each mapped to the load action that makes that call (schema, bulk loads,
/// pings and change-feed reads are the app's own work and left out).
/// </summary>
public sealed class CompareMixes(RollingStore metering)
{
    public static readonly TimeSpan RecordedWindow = TimeSpan.FromHours(24);

    /// <exception cref="CompareRefusedException">The tenant has no recorded calls to copy.</exception>
    public LoadMix For(CompareRequest request) => request.Workload switch
    {
        CompareWorkload.Realistic => LoadMix.Realistic,
        CompareWorkload.ReadHeavy => LoadMix.ReadHeavy,
        CompareWorkload.WriteHeavy => LoadMix.WriteHeavy,
        CompareWorkload.UserOrders => LoadMix.UserOrders,
        _ => Recorded(request.MixTenant ?? ""),
    };

    public LoadMix Recorded(string tenant)
    {
        var read = metering.Read(RecordedWindow, 1, k => k.Tenant == tenant);
        var shares = read.Series
            .Select(s => (Action: ActionOf(s.Key.Operation), s.Total.Calls))
            .Where(s => s.Action is not null)
            .GroupBy(s => s.Action!.Value)
            .Select(g => new LoadMix.Share(g.Key, g.Sum(s => s.Calls)))
            .OrderBy(s => s.Action)
            .ToList();
        if (shares.Count == 0)
            throw new CompareRefusedException($"tenant '{tenant}' has no recorded calls in the last 24 hours on this instance to copy its mix from");
        return new LoadMix($"{tenant}'s recorded mix", shares);
    }

    public static LoadAction? ActionOf(StoreOperation op) => op switch
    {
        StoreOperation.ListUsers => LoadAction.ListUsers,
        StoreOperation.GetUser => LoadAction.GetUser,
        StoreOperation.FindUserByEmail => LoadAction.FindUserByEmail,
        StoreOperation.InsertUser => LoadAction.CreateUser,
        StoreOperation.UpdateUser => LoadAction.SaveProfile,
        StoreOperation.ListOrders => LoadAction.ListOrders,
        StoreOperation.GetOrder => LoadAction.GetOrder,
        StoreOperation.InsertOrder => LoadAction.CreateOrder,
        StoreOperation.UpdateOrder => LoadAction.AdvanceOrder,
        StoreOperation.ListTenantOrders => LoadAction.ListTenantOrders,
        StoreOperation.CountOrdersByStatus => LoadAction.CountOrders,
        _ => null,
    };
}

/// <summary>A comparison was not started: one is running, the request is wrong, or there is nothing to compare. One line for people.</summary>
public sealed class CompareRefusedException(string message) : Exception(message);
