using Dashboard.Core;
using Dashboard.Core.Access;
using Dashboard.Providers.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Tests.Tenants;

/// <summary>
/// A registry of many SQLite sandbox tenants ("t0000", "t0001"…; every third also named "Customer n"), each on
/// its own file in a temp folder, seen by <paramref name="person"/>. Nothing is created until a store is asked for.
/// </summary>
public sealed class ManyTenants : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-many-" + Guid.NewGuid().ToString("N"));

    public ManyTenants(int count, Person person, Action<IServiceCollection>? more = null, IDictionary<string, string?>? settings = null, string provider = "Sqlite")
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        for (var i = 0; i < count; i++)
        {
            all[$"Tenants:{Id(i)}:Provider"] = provider;
            if (i % 3 == 0) all[$"Tenants:{Id(i)}:DisplayName"] = $"Customer {i}";
            all[$"Tenants:{Id(i)}:Settings:ConnectionString"] = $"Data Source={Path.Combine(_folder, Id(i) + ".db")}";
        }
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection().AddLogging().AddDashboardCore(configuration).AddSqlProviders();
        services.RemoveAll<ICurrentPerson>();
        services.AddScoped<ICurrentPerson>(_ => new FixedPerson(person));
        more?.Invoke(services);
        Services = services.BuildServiceProvider();
    }

    public static string Id(int i) => $"t{i:0000}";

    public ServiceProvider Services { get; }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
