using Dashboard.AppStore;
using Dashboard.Operations.Costs;
using Dashboard.Operations;
using Dashboard.Operations.Resilience;
using Dashboard.Tests.Access;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.StartupChecks;

/// <summary>The app store, resilience and pricing sections are checked when the host starts, not on first use.</summary>
public sealed class OptionsAtStartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("options-at-start-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A host with the app store and the metering services, as the dashboard registers them.</summary>
    private IHost Host(params string[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true, ContentRootPath = _folder, EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AppStore:ConnectionString"] = "Data Source=dashboard.db" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => s.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], (string?)p[1])));
        builder.Services.AddAppStore(builder.Configuration);
        builder.Services.AddDashboardOperations(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task A_host_with_valid_settings_starts_and_creates_its_app_store()
    {
        using var host = Host("Resilience:MaxAttempts=1", "Pricing:Fauna:ReadOps:Usd=0.45");
        await host.StartAsync(Ct);
        await host.StopAsync(Ct);
        Assert.True(File.Exists(Path.Combine(_folder, "dashboard.db")));
    }

    public static TheoryData<string, string> BadSettings() => new()
    {
        { "AppStore:Provider=Postgres", "AppStore:Provider 'Postgres' is not known (Sqlite or MySql)." },
        { "Resilience:MaxAttempts=0", "Resilience:MaxAttempts must be 1–10 (it is 0)" },
        { "Resilience:Timeout=-00:00:05", "Resilience:Timeout must be a positive duration (it is -00:00:05)" },
        { "Pricing:DynamoDb:Storage:Usd=-0.25", "Pricing:DynamoDb:Storage:Usd must not be negative (it is -0.25)" },
        // Not a number: the binder refuses it, naming the key, and start-up validation brings that to the start.
        { "Pricing:DynamoDb:Storage:Usd=cheap", "'Pricing:DynamoDb:Storage:Usd'" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_host_with_a_bad_value_fails_at_start_with_the_message(string setting, string message)
    {
        using var host = Host(setting);
        var refusal = await Record.ExceptionAsync(() => host.StartAsync(Ct));
        Assert.True(refusal is not null, $"started with {setting}");
        Assert.Contains(message, refusal.ToString());
        Assert.False(File.Exists(Path.Combine(_folder, "dashboard.db")), "the app store was created before the settings were checked");
    }

    [Fact]
    public void The_committed_settings_files_are_valid()
    {
        var root = LocalSignInTests.RepoRoot();
        foreach (var files in new[] { new[] { "appsettings.json" }, ["appsettings.json", "appsettings.Development.json"] })
        {
            var builder = new ConfigurationBuilder().SetBasePath(root);
            foreach (var file in files) builder.AddJsonFile(file);
            var configuration = builder.Build();
            var appStore = configuration.GetSection(AppStoreOptions.Section).Get<AppStoreOptions>() ?? new AppStoreOptions();
            var resilience = configuration.GetSection(ResilienceOptions.Section).Get<ResilienceOptions>() ?? new ResilienceOptions();
            var pricing = configuration.GetSection(PricingOptions.Section).Get<PricingOptions>() ?? new PricingOptions();
            Assert.True(new AppStoreOptionsValidator().Validate(null, appStore).Succeeded, string.Join(" + ", files));
            Assert.True(new ResilienceOptionsValidator().Validate(null, resilience).Succeeded, string.Join(" + ", files));
            Assert.True(new PricingOptionsValidator().Validate(null, pricing).Succeeded, string.Join(" + ", files));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
