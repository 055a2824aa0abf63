using Dashboard.Core.Alerts;
using Dashboard.Core.Compare;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Operations.Compare;
using Dashboard.Operations.Costs;
using Dashboard.Operations.Metering.Rolling;
using Dashboard.Operations.Metering;
using Dashboard.Providers.DynamoDb;
using Dashboard.Providers.Fauna;
using Dashboard.Providers.Sql;
using Dashboard.Providers.Tests.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Providers.Tests.Compare;

/// <summary>
/// The comparison as the app wires it, over the four real backends: one configured tenant per provider as the
/// basis of its scratch spaces, the providers' scratch spaces, and the shared app store's ledger, runs and lease.
/// </summary>
public sealed class CompareRig : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CompareRig(ServiceProvider services) => _services = services;

    public CompareService Service => _services.GetRequiredService<CompareService>();
    public ScratchTenants Scratch => _services.GetRequiredService<ScratchTenants>();
    public ScratchSweepService Sweeper => _services.GetRequiredService<ScratchSweepService>();
    public IScratchLedger Ledger => _services.GetRequiredService<IScratchLedger>();
    public ICompareRuns Runs => _services.GetRequiredService<ICompareRuns>();
    public IFleetLease Lease => _services.GetRequiredService<IFleetLease>();
    public TenantRegistry Registry => _services.GetRequiredService<TenantRegistry>();
    public IEnumerable<IScratchSpaces> Spaces => _services.GetServices<IScratchSpaces>();

    public static async Task<CompareRig> StartAsync(AllBackendsFixture backends, CancellationToken ct)
    {
        var tenants = new TenantsOptions();
        foreach (var kind in AllBackendsFixture.Kinds)
        {
            var (tenant, store) = await backends.NewTenantAsync(kind, ct);
            (store as IDisposable)?.Dispose();
            tenants.Tenants[$"{kind.ToLowerInvariant()}{Guid.NewGuid():N}"[..24]] = new TenantOptions
            {
                Provider = kind,
                Settings = new Dictionary<string, string?>(tenant.Settings, StringComparer.OrdinalIgnoreCase),
            };
        }
        var app = backends.AppStore.Services;
        var services = new ServiceCollection()
            .AddLogging()
            .AddSqlProviders()
            .AddDynamoDbProvider()
            .AddFaunaProvider()
            .AddSingleton(Options.Create(tenants))
            .AddSingleton<TenantRegistry>()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(app.GetRequiredService<IScratchLedger>())
            .AddSingleton(app.GetRequiredService<ICompareRuns>())
            .AddSingleton(app.GetRequiredService<IFleetLease>())
            .AddSingleton(new RollingStore(TimeProvider.System, new ThrottleLog()))
            .AddSingleton<ScratchTenants>()
            .AddSingleton<CompareMixes>()
            .AddSingleton<CompareRunner>()
            .AddSingleton<CompareService>()
            .AddSingleton<ScratchSweepService>();
        services.AddOptions<PricingOptions>();
        return new CompareRig(services.BuildServiceProvider());
    }

    /// <summary>Scratch spaces that exist beside any basis tenant, plus those the ledger still lists.</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync(CancellationToken ct) =>
        [.. await Scratch.ListAsync(ct), .. (await Ledger.ListAsync(ct)).Select(r => $"ledger:{r.Name}")];

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
