using Dashboard.Core.Access;
using Dashboard.Core.Demo;
using Dashboard.Core.Domain;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Operations.Migrations;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>
/// A source tenant seeded with a small deterministic data set, an empty target tenant on another backend, and a
/// migrator over the shared app store: what every migration test starts from.
/// </summary>
public sealed class MigrationWorld
{
    public const int SeededUsers = 20;

    public required TenantDescriptor Tenant { get; init; }
    public required IDataStore Source { get; init; }
    public required ITenantStore SourceStore { get; init; }
    public required TenantDescriptor TargetTenant { get; init; }
    public required IDataStore Target { get; init; }
    public required TenantMigrator Migrator { get; init; }
    public required MigrationOptions Options { get; init; }
    public required Core.Audit.IAuditLog Audit { get; init; }

    public static async Task<MigrationWorld> StartAsync(AllBackendsFixture backends, string from, string to, CancellationToken ct)
    {
        var (tenant, source) = await backends.NewTenantAsync(from, ct);
        var (targetTenant, target) = await backends.NewTenantAsync(to, ct);
        var data = DemoDataGenerator.Generate(SeededUsers);
        await source.BulkLoadAsync(data.Users, data.Orders, ct);
        // Small pages and batches (two pages each) so the orders phase takes several, with checkpoints and cursors in between.
        var options = new MigrationOptions { PageSize = 25, BatchSize = 50, Lease = TimeSpan.FromSeconds(30), FeedSettle = TimeSpan.FromSeconds(1) };
        return new MigrationWorld
        {
            Tenant = tenant,
            Source = source,
            SourceStore = new TenantStore(tenant, source, TimeProvider.System, new UlidGenerator()),
            TargetTenant = targetTenant with { Id = tenant.Id },
            Target = target,
            Migrator = new TenantMigrator(backends.AppStore.Checkpoints, backends.AppStore.Leases, backends.AppStore.Audit, TimeProvider.System, options),
            Options = options,
            Audit = backends.AppStore.Audit,
        };
    }

    public MigrationRequest Request(bool resume = false, bool verifyOnly = false) =>
        new(Tenant, Source, new MigrationTarget(TargetTenant.ProviderKind, TargetTenant.Settings), Target, Person.System, resume, verifyOnly);

    public static async Task<List<User>> UsersAsync(IDataStore store, CancellationToken ct)
    {
        var all = new List<User>();
        string? token = null;
        do
        {
            var page = await store.ListUsersAsync(UserQuery.All, new PageRequest(100, token), ct);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        } while (token is not null);
        return all.OrderBy(u => u.Id, StringComparer.Ordinal).ToList();
    }

    public static async Task<List<Order>> OrdersAsync(IDataStore store, CancellationToken ct)
    {
        var all = new List<Order>();
        string? token = null;
        do
        {
            var page = await store.ListTenantOrdersAsync(OrderQuery.All, new PageRequest(100, token), ct);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        } while (token is not null);
        return all.OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every entity on the target equals the source's, field for field: ids, versions and timestamps kept, none twice.</summary>
    public async Task AssertTargetEqualsSourceAsync(CancellationToken ct)
    {
        var (sourceUsers, targetUsers) = (await UsersAsync(Source, ct), await UsersAsync(Target, ct));
        Assert.Equal(sourceUsers.Count, targetUsers.Select(u => u.Id).Distinct().Count());
        Assert.Equal(sourceUsers, targetUsers);
        var (sourceOrders, targetOrders) = (await OrdersAsync(Source, ct), await OrdersAsync(Target, ct));
        Assert.Equal(sourceOrders.Count, targetOrders.Select(o => o.Id).Distinct().Count());
        Assert.Equal(sourceOrders, targetOrders);
    }
}
