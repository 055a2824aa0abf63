using Dashboard.AppStore;
using Dashboard.Core;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Demo;
using Dashboard.Core.Stores;
using Dashboard.Providers.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>
/// The service layer with no UI: four real SQLite tenants (named like the demo ones) and a real app store,
/// in a temp folder. <see cref="StoresFor"/> gives the store factory as a given person would get it.
/// </summary>
public sealed class AccessWorld : IAsyncDisposable
{
    public static readonly string[] TenantIds = ["acme", "globex", "initech", "sandbox"];

    public static readonly Person Ops = new("ops@example.com", "Olivia Ops", Role.Ops, new HashSet<string>());
    public static readonly Person Agent = new("agent@example.com", "Sam Support", Role.Support, new HashSet<string> { "acme", "globex", "sandbox" });
    public static readonly Person Viewer = new("viewer@example.com", "Vera Viewer", Role.Viewer, new HashSet<string> { "sandbox" });

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-access-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;

    private AccessWorld(string? appStoreConnectionString, IDataStoreDecorator? around)
    {
        Directory.CreateDirectory(_folder);
        var settings = new Dictionary<string, string?>
        {
            ["AppStore:ConnectionString"] = appStoreConnectionString ?? $"Data Source={Path.Combine(_folder, "dashboard.db")}",
        };
        foreach (var id in TenantIds)
        {
            settings[$"Tenants:{id}:Provider"] = "Sqlite";
            settings[$"Tenants:{id}:Settings:ConnectionString"] = $"Data Source={Path.Combine(_folder, id + ".db")}";
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDashboardCore(configuration);
        services.AddSqlProviders();
        services.AddAppStore(configuration);
        services.AddScoped<ICurrentPerson, PersonSlot>();
        if (around is not null) services.AddSingleton(around);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>
    /// A world with seeded tenants; <paramref name="appStoreConnectionString"/> overrides the app store (e.g. one
    /// that cannot open), <paramref name="around"/> wraps every tenant's backend store (e.g. to watch its calls).
    /// </summary>
    public static async Task<AccessWorld> StartAsync(CancellationToken ct, string? appStoreConnectionString = null, bool createAppStore = true,
        IDataStoreDecorator? around = null)
    {
        var world = new AccessWorld(appStoreConnectionString, around);
        if (createAppStore) await world.AppStoreAsync(db => AppStoreSchema.EnsureAsync(db, mySql: false, ct));
        foreach (var id in TenantIds)
        {
            var data = world._services.GetRequiredService<ITenantBackends>().For(id);
            await data.EnsureSchemaAsync(ct);
            await DemoDataSeeder.SeedAsync(data, ct, userCount: 20);
        }
        return world;
    }

    /// <summary>The store factory in a new scope acting for <paramref name="person"/>, as a circuit or request would.</summary>
    public ITenantStoreFactory StoresFor(Person person) => ScopeFor(person).GetRequiredService<ITenantStoreFactory>();

    public AuditReader AuditFor(Person person) => ScopeFor(person).GetRequiredService<AuditReader>();

    public IAuditLog AuditLog => _services.GetRequiredService<IAuditLog>();

    public IDataStore Backend(string tenant) => _services.GetRequiredService<ITenantBackends>().For(tenant);

    public string Folder => _folder;

    public async Task AppStoreAsync(Func<AppStoreDbContext, Task> use)
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync();
        await use(db);
    }

    private IServiceProvider ScopeFor(Person person)
    {
        var scope = _services.CreateScope();
        _scopes.Add(scope);
        // The scope's person, as the host's ClaimsCurrentPerson would give it.
        var current = (PersonSlot)scope.ServiceProvider.GetRequiredService<ICurrentPerson>();
        current.Person = person;
        return scope.ServiceProvider;
    }

    private readonly List<IServiceScope> _scopes = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes) scope.Dispose();
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A per-scope person set by the test (the host sets it from the signed-in principal).</summary>
internal sealed class PersonSlot : ICurrentPerson
{
    public Person Person { get; set; } = Person.Anonymous;
}
