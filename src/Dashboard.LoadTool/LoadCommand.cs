using Dashboard.Operations.Costs;
using Dashboard.Core.Errors;
using Dashboard.Operations.Load;
using Dashboard.Operations.Queries;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.LoadTool;

/// <summary>
/// <c>load --tenant T --rps N --seconds S [--via URL]</c>. In-process (default) it builds the app's services
/// from the repository's appsettings.json, prepares the tenant as the app would, and prints the same
/// throughput, throttling and cost figures the ops pages show. With <c>--via</c> it asks a running app
/// (Development) to run the mix, so its pages move. Whatever stops a run is one line on stderr and a non-zero
/// exit code: 2 for a wrong command line, 1 when the run could not be made, 130 when cancelled.
/// </summary>
public static class LoadCommand
{
    public static Task<int> RunAsync(string[] args) => ToolCommand.RunAsync(ct =>
        {
            var load = LoadArguments.Parse(args);
            return load.Via is null ? InProcessAsync(load, ct) : ViaApp.RunAsync(load, ct);
        },
        e => e is LoadNotStartedException or LoadToolException or OptionsValidationException,
        "cancelled");

    private static async Task<int> InProcessAsync(LoadArguments load, CancellationToken ct)
    {
        using var host = LoadToolHost.Build();
        var services = host.Services;
        var registry = services.GetRequiredService<TenantRegistry>();
        var tenant = registry.Find(load.Tenant)
            ?? throw new LoadToolException($"No tenant '{load.Tenant}' in the configuration (tenants: {string.Join(", ", registry.All.Select(t => t.Id))}).");
        var clock = services.GetRequiredService<TimeProvider>();
        var plan = new LoadPlan(tenant.Id, load.Rps, TimeSpan.FromSeconds(load.Seconds));
        await TenantPreparation.PrepareAsync(tenant, services.GetRequiredService<ITenantBackends>().For(tenant.Id), plan.Sampling, clock, ct);

        Console.WriteLine($"Load on tenant '{tenant.Id}': {load.Rps} calls/s for {load.Seconds} s ...");
        var summary = await new LoadGenerator(LoadTarget.For(services, tenant.Id), clock).RunAsync(plan, ct);
        Report.Print(summary, services.GetRequiredService<ThroughputQuery>().Build(OpsWindow.Last15Minutes, tenant.Id),
            services.GetRequiredService<ThrottlingQuery>().Build(OpsWindow.Last15Minutes, tenant.Id),
            services.GetRequiredService<CostQuery>().Build(OpsWindow.Last15Minutes), tenant.Id);
        return 0;
    }
}

/// <summary>The run could not be made for a reason the message states (unknown tenant, app not answering).</summary>
internal sealed class LoadToolException(string message) : Exception(message);
