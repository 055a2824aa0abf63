using Dashboard.Core.Demo;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Resilience;

/// <summary>
/// A tenant whose backend is down (or too slow to answer) when the app starts is prepared once it answers,
/// instead of staying empty until the next restart; until then it counts as still being prepared (/healthz says so).
/// </summary>
public sealed class TenantStartupRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backend_down_at_start_gets_its_demo_data_once_it_answers()
    {
        await using var sandbox = await FaultySandbox.CreateAsync(TimeProvider.System, Ct);
        sandbox.Fault = Fault.Unavailable;
        var registry = new TenantRegistry(Options.Create(new TenantsOptions
        {
            Tenants =
            {
                [sandbox.Tenant] = new TenantOptions
                {
                    Provider = "Sqlite",
                    Settings = { [TenantStartupService.SeedDemoDataKey] = "true" },
                },
            },
        }), [new SqliteStoreProvider()]);
        var progress = new TenantPreparationProgress();
        var service = new TenantStartupService(registry, new OneBackend(sandbox), TimeProvider.System, NullLogger<TenantStartupService>.Instance, progress);

        await service.StartAsync(Ct);
        try
        {
            // It keeps trying while the backend is down...
            await Until(() => sandbox.CallCount("find_user") >= 2);
            Assert.Null(await FindAdaAsync(sandbox));
            Assert.Equal(1, progress.Pending);

            // ...and loads the data as soon as it answers.
            sandbox.Fault = Fault.None;
            await Until(() => FindAdaAsync(sandbox).Result is not null);
            await Until(() => progress.Pending == 0);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<Core.Domain.User?> FindAdaAsync(FaultySandbox sandbox)
    {
        var fault = sandbox.Fault;
        if (fault != Fault.None) return null;
        return await sandbox.FindUserByEmailAsync(DemoDataGenerator.AdaEmail, Ct);
    }

    /// <summary>Waits for a condition, with a bound far above the retry pauses (1 s, 2 s, 4 s...).</summary>
    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the start-up service never got there");
            await Task.Delay(100, Ct);
        }
    }

    private sealed class OneBackend(IDataStore store) : ITenantBackends
    {
        public IDataStore For(string tenantId) => store;
    }
}
