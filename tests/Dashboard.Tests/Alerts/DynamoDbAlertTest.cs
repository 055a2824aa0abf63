using Dashboard.AppStore;
using Dashboard.Core;
using Dashboard.Operations;
using Dashboard.Providers.DynamoDb;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Alerts;

/// <summary>
/// Base of the alert tests on a real DynamoDB Local: one server per test, an app store in a temp folder, and the
/// app's services for tenant "acme" on that backend with the alert settings the test gives.
/// </summary>
public abstract class DynamoDbAlertTest : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-alert-it-" + Guid.NewGuid().ToString("N"));

    protected DynamoDbLocalServer Dynamo { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Dynamo = await DynamoDbLocalServer.StartAsync(Ct);
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Dynamo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>The app's services with "acme" on DynamoDB at <paramref name="serviceUrl"/>, its app store made.</summary>
    protected async Task<ServiceProvider> ServicesAsync(Uri serviceUrl, Dictionary<string, string?> alerts)
    {
        var settings = new Dictionary<string, string?>(alerts)
        {
            ["AppStore:ConnectionString"] = $"Data Source={Path.Combine(_folder, "dashboard.db")}",
            ["Tenants:acme:Provider"] = "DynamoDb",
            ["Tenants:acme:Settings:ServiceUrl"] = serviceUrl.ToString(),
            ["Tenants:acme:Settings:TableName"] = "dashboard-acme",
            ["Tenants:acme:Settings:Region"] = "us-east-1",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddDashboardCore(configuration);
        services.AddDynamoDbProvider();
        services.AddAppStore(configuration);
        services.AddDashboardOperations(configuration);
        var provider = services.BuildServiceProvider();
        await using (var db = await provider.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync(Ct))
            await AppStoreSchema.EnsureAsync(db, mySql: false, Ct);
        return provider;
    }
}
