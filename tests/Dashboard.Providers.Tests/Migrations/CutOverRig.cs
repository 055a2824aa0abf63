using Dashboard.Core.Access;
using Dashboard.Core.Domain;
using Dashboard.Core.Migrations;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Core.Tenants.Registry;
using Dashboard.Operations.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>
/// What a cut-over needs around a <see cref="MigrationWorld"/>: the tenant in the app store's registry (as the app
/// keeps it), this instance's registry and write gate, the source store behind the gate (as the app's live store
/// is), and the cut-over service.
/// </summary>
public sealed class CutOverRig
{
    public required MigrationWorld World { get; init; }
    public required TenantRegistry Registry { get; init; }
    public required ITenantRegistryStore RegistryStore { get; init; }
    public required TenantWriteGate Gate { get; init; }
    public required TenantCutOver CutOver { get; init; }

    /// <summary>The source behind this instance's gate, built for the tenant as it is now (on its source backend).</summary>
    public required IDataStore GatedSource { get; init; }

    public static async Task<CutOverRig> StartAsync(AllBackendsFixture backends, MigrationWorld world, CancellationToken ct)
    {
        var store = backends.AppStore.Services.GetRequiredService<ITenantRegistryStore>();
        var t = world.Tenant;
        await store.AddAsync(new TenantRecord(t.Id, t.DisplayName, t.ProviderKind, t.Settings, false, false, 0, "test", DateTimeOffset.UtcNow), ct);
        var registry = new TenantRegistry(Options.Create(new TenantsOptions()), [], store);
        var sync = new TenantRegistrySync(registry, store, Options.Create(new TenantsOptions()), Options.Create(new TenantRegistryOptions()),
            TimeProvider.System, NullLogger<TenantRegistrySync>.Instance);
        await sync.RefreshAsync(ct);
        var gate = new TenantWriteGate(registry);
        // A short settle: this test has one instance, whose gate is closed before the wait.
        var options = new MigrationOptions
        {
            PageSize = world.Options.PageSize, BatchSize = world.Options.BatchSize, Lease = world.Options.Lease,
            CutOverSettle = TimeSpan.FromMilliseconds(200), RollbackWindow = TimeSpan.FromHours(1),
        };
        return new CutOverRig
        {
            World = world,
            Registry = registry,
            RegistryStore = store,
            Gate = gate,
            CutOver = new TenantCutOver(registry, store, sync, gate, backends.AppStore.Checkpoints, backends.AppStore.Leases, backends.AppStore.Audit,
                TimeProvider.System, options),
            GatedSource = new GatedDataStore(world.Source, registry.Get(t.Id), gate),
        };
    }

    /// <summary>The domain service over the gated source, as a page's writes go.</summary>
    public TenantStore SourceService() => new(World.Tenant, GatedSource, TimeProvider.System, new UlidGenerator());

    /// <summary>The migration's request with the gated source (what the app passes: the tenant's live store).</summary>
    public MigrationRequest Request() => World.Request() with { Source = GatedSource };

    /// <summary>A roll-back's request: from the tenant's backend now (the target, behind the gate) back to the source.</summary>
    public MigrationRequest RollBackRequest(IDataStore gatedTarget) =>
        new(Registry.Get(World.Tenant.Id), gatedTarget, new MigrationTarget(World.Tenant.ProviderKind, World.Tenant.Settings), World.Source, Person.System);
}
