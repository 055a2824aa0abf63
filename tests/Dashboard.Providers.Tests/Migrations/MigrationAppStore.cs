using Dashboard.AppStore;
using Dashboard.Core.Alerts;
using Dashboard.Core.Audit;
using Dashboard.Core.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>A real app store (SQLite file, or a MariaDB database) holding migration checkpoints and the audit log, as the app registers it.</summary>
public sealed class MigrationAppStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private MigrationAppStore(ServiceProvider services) => _services = services;

    public IMigrationCheckpoints Checkpoints => _services.GetRequiredService<IMigrationCheckpoints>();

    public IFleetLease Leases => _services.GetRequiredService<IFleetLease>();

    public IServiceProvider Services => _services;

    public IAuditLog Audit => _services.GetRequiredService<IAuditLog>();

    public static Task<MigrationAppStore> SqliteAsync(string file, CancellationToken ct) =>
        StartAsync(new() { ["AppStore:ConnectionString"] = $"Data Source={file}" }, mySql: false, ct);

    public static Task<MigrationAppStore> MySqlAsync(string connectionString, CancellationToken ct) =>
        StartAsync(new() { ["AppStore:Provider"] = "MySql", ["AppStore:ConnectionString"] = connectionString }, mySql: true, ct);

    private static async Task<MigrationAppStore> StartAsync(Dictionary<string, string?> settings, bool mySql, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddAppStore(configuration).BuildServiceProvider();
        await using (var db = await services.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync(ct))
            await AppStoreSchema.EnsureAsync(db, mySql, ct);
        return new MigrationAppStore(services);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
