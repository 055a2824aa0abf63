using Dashboard.Core.Access;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Operations;
using Dashboard.Operations.Costs;
using Dashboard.Operations.Queries;
using Dashboard.Providers.Sql;
using Dashboard.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Tenants;

/// <summary>
/// The cost page at 1,000 tenants: building the estimate opens no tenant's store (storage sizes come from what is
/// known); the page asks for the storage size of the tenants it shows, and of no other.
/// </summary>
public sealed class CostStorageScopeTests : IAsyncLifetime
{
    private readonly BackendCallCounter _calls = new();
    private ManyTenants _world = null!;

    public ValueTask InitializeAsync()
    {
        _world = new ManyTenants(1_000, Person.System, s =>
        {
            s.AddSingleton(_calls.Around(new SqliteStoreProvider(), "CountedSqlite"));
            s.AddDashboardOperations(new ConfigurationBuilder().Build());
        }, provider: "CountedSqlite");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_estimate_of_every_tenant_opens_no_store_and_the_shown_page_asks_only_its_own_sizes()
    {
        var query = _world.Services.GetRequiredService<CostQuery>();
        var report = query.Build(OpsWindow.Last24Hours);
        var tenants = CostTable.Tenants(report);
        Assert.Equal(1_000, tenants.Count);
        await Task.Delay(300, Ct); // a background refresh, were one started, would have created stores by now
        Assert.Equal(0, _calls.StoresCreated);

        var page = TopTenants.Select(tenants, t => t.Tenant, CostTable.Sorts, new TopTenantsQuery(Sort: TopTenantsQuery.ByTenant, Ascending: true, Page: 3));
        Assert.Equal(Enumerable.Range(30, 10).Select(ManyTenants.Id), page.Rows.Select(r => r.Tenant));
        CostTable.RefreshStorage(page.Rows, _world.Services.GetRequiredService<StorageSizes>(), _world.Services.GetRequiredService<TenantRegistry>());

        for (var waited = 0; _calls.StoresCreated < 10 && waited < 10_000; waited += 50) await Task.Delay(50, Ct);
        await Task.Delay(300, Ct);
        Assert.Equal(10, _calls.StoresCreated);
        Assert.All(page.Rows, r => Assert.True(_calls.CallsTo(r.Tenant) <= 1, $"{r.Tenant}: {_calls.CallsTo(r.Tenant)} calls"));
        Assert.Equal(0, _calls.CallsTo(ManyTenants.Id(40)));
    }
}
