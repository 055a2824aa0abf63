using System.Net.Http.Json;
using Dashboard.Core;
using Dashboard.Core.Costs;
using Dashboard.Core.Metering;
using Dashboard.Core.Metering.Load;
using Dashboard.Core.Metering.Ops;
using Dashboard.Providers.DynamoDb;
using Dashboard.Providers.Fauna;
using Dashboard.Providers.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.LoadTool;

/// <summary>
/// <c>load --tenant T --rps N --seconds S [--via URL]</c>. In-process (default) it builds the app's services
/// from the repository's appsettings.json and prints the same throughput, throttling and cost figures the
/// ops pages show. With <c>--via</c> it asks a running app (Development) to run the mix, so its pages move.
/// </summary>
public static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "load")
        {
            Console.Error.WriteLine("usage: load --tenant <id> [--rps 200] [--seconds 30] [--via http://127.0.0.1:5080]");
            return 2;
        }
        var options = new ConfigurationBuilder().AddCommandLine(args[1..]).Build();
        var tenant = options["tenant"] ?? "sandbox";
        var rps = options.GetValue("rps", 200);
        var seconds = options.GetValue("seconds", 30);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

        if (options["via"] is { } via) return await ViaAppAsync(new Uri(via), tenant, rps, seconds, cancel.Token);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = RepositoryRoot(),
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Development",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDashboardCore(builder.Configuration);
        builder.Services.AddSqlProviders();
        builder.Services.AddDynamoDbProvider();
        builder.Services.AddFaunaProvider();
        builder.Services.AddDashboardMetering(builder.Configuration);
        using var host = builder.Build();   // not started: no schema or seeding here, only calls

        var services = host.Services;
        Console.WriteLine($"Load on tenant '{tenant}': {rps} calls/s for {seconds} s ...");
        var summary = await new LoadGenerator(LoadTarget.For(services, tenant))
            .RunAsync(new LoadPlan(tenant, rps, TimeSpan.FromSeconds(seconds)), cancel.Token);
        Report.Print(summary, services.GetRequiredService<ThroughputQuery>().Build(OpsWindow.Last15Minutes, tenant),
            services.GetRequiredService<ThrottlingQuery>().Build(OpsWindow.Last15Minutes, tenant),
            services.GetRequiredService<CostQuery>().Build(OpsWindow.Last15Minutes), tenant);
        return 0;
    }

    private static async Task<int> ViaAppAsync(Uri app, string tenant, int rps, int seconds, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = app, Timeout = TimeSpan.FromSeconds(seconds + 120) };
        Console.WriteLine($"Asking {app} to run {rps} calls/s for {seconds} s on tenant '{tenant}' (watch /ops/throughput) ...");
        using var response = await http.PostAsync($"/ops/load?tenant={Uri.EscapeDataString(tenant)}&rps={rps}&seconds={seconds}", null, ct);
        Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return response.IsSuccessStatusCode ? 0 : 1;
    }

    /// <summary>The folder holding Dashboard.sln (the app's content root), from the current directory up.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }
}
