using Dashboard.AppStore;
using Dashboard.Core;
using Dashboard.Operations;
using Dashboard.Providers.DynamoDb;
using Dashboard.Providers.Fauna;
using Dashboard.Providers.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.LoadTool;

/// <summary>
/// The app's service layer in this process, from the repository's appsettings.json (and environment variables,
/// like the app): tenants, providers, metering and resilience, and what the service layer's validation asks
/// for — the app store's audit log, with the tool acting as the system. The host is never started: no
/// background preparation of every tenant; the tool prepares only its own (<see cref="TenantPreparation"/>).
/// </summary>
internal static class LoadToolHost
{
    public static IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = RepositoryRoot(),
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Development",
        });
        // stdout is for the figures: the app's Information logs (appsettings.json) are not the tool's business, and
        // warnings go to stderr.
        // Alerts are the dashboard's: the tool must not take the fleet's evaluation lease.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning", ["Alerts:Enabled"] = "false" });
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Warning);
        builder.Services.AddDashboardCore(builder.Configuration);
        builder.Services.AddSqlProviders();
        builder.Services.AddDynamoDbProvider();
        builder.Services.AddFaunaProvider();
        builder.Services.AddAppStore(builder.Configuration);
        builder.Services.AddSystemPerson();
        builder.Services.AddDashboardOperations(builder.Configuration);
        return builder.Build();
    }

    /// <summary>The folder holding Dashboard.sln (the app's content root), from the current directory up.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }
}
