using Dashboard.AppStore;
using Dashboard.Core;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Core.Tenants.Registry;
using Dashboard.Providers.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Tests.Tenants.Registry;

/// <summary>
/// One dashboard instance's tenant services (registry, backends, store factory, admin) on a shared app store, with
/// its registry sync running as the host runs it: seeded and loaded at start, then polling the change version.
/// </summary>
public sealed class RegistryInstance : IAsyncDisposable
{
    public static readonly Person Ops = new("ops@example.com", "Olivia Ops", Role.Ops, new HashSet<string>());

    private readonly AsyncServiceScope _scope;

    private RegistryInstance(ServiceProvider services)
    {
        Services = services;
        _scope = services.CreateAsyncScope();
    }

    public ServiceProvider Services { get; }

    public TenantRegistry Registry => Services.GetRequiredService<TenantRegistry>();

    public TenantAdmin Admin => _scope.ServiceProvider.GetRequiredService<TenantAdmin>();

    public ITenantStoreFactory Stores => _scope.ServiceProvider.GetRequiredService<ITenantStoreFactory>();

    public ITenantBackends Backends => Services.GetRequiredService<ITenantBackends>();

    public IAuditLog Audit => Services.GetRequiredService<IAuditLog>();

    public static async Task<RegistryInstance> StartAsync(IDictionary<string, string?> settings, bool mySql, CancellationToken ct, Person? person = null)
    {
        var all = new Dictionary<string, string?>(settings) { ["TenantRegistry:PollInterval"] = "00:00:00.2" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection().AddLogging().AddDashboardCore(configuration).AddSqlProviders().AddAppStore(configuration);
        services.RemoveAll<ICurrentPerson>();
        services.AddScoped<ICurrentPerson>(_ => new FixedPerson(person ?? Ops));
        var instance = new RegistryInstance(services.BuildServiceProvider());
        await using (var db = await instance.Services.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync(ct))
            await AppStoreSchema.EnsureAsync(db, mySql, ct);
        await instance.Services.GetRequiredService<TenantRegistrySync>().StartAsync(ct);
        return instance;
    }

    /// <summary>Waits until <paramref name="condition"/> holds on this instance (its poll is every 0.2 s); fails after 10 s.</summary>
    public async Task EventuallyAsync(Func<TenantRegistry, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition(Registry))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Within 10 s this instance did not see: {what}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.GetRequiredService<TenantRegistrySync>().StopAsync(CancellationToken.None);
        await _scope.DisposeAsync();
        await Services.DisposeAsync();
    }
}
