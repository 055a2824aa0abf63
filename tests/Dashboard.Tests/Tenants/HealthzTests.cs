using System.Text.Json;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;
using Microsoft.Extensions.Hosting;
using Dashboard.Core.Tenants.Health;
using Dashboard.Tests.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Tenants;

/// <summary>
/// /healthz over HTTP on the real app, with four SQLite tenants and one whose file cannot be opened: it answers
/// from the prober's cache, so requests (anonymous or Ops) reach no backend, and strangers learn counts only.
/// </summary>
public sealed class HealthzTests : IAsyncLifetime
{
    private const string Broken = "zz-broken-tenant";
    private const string Counted = "CountedSqlite"; // the SQLite provider, every call to its stores counted
    private readonly BackendCallCounter _calls = new();
    private readonly DashboardServer _server;

    public HealthzTests()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "x.db");
        var settings = new Dictionary<string, string?>
        {
            [$"Tenants:{Broken}:Provider"] = Counted,
            [$"Tenants:{Broken}:DisplayName"] = "Secret Customer Ltd",
            [$"Tenants:{Broken}:Settings:ConnectionString"] = $"Data Source={missing};Mode=ReadWrite",
            // One pass at start, then nothing due for an hour (the broken one included).
            ["TenantHealth:Interval"] = "01:00:00",
            ["TenantHealth:FirstRetry"] = "01:00:00",
            ["TenantHealth:MaxBackoff"] = "01:00:00",
        };
        // No schema work in the background: every call counted is then the prober's or a request's.
        foreach (var id in DashboardServer.TenantIds)
        {
            settings[$"Tenants:{id}:Settings:CreateSchema"] = "false";
            settings[$"Tenants:{id}:Provider"] = Counted;
        }
        _server = new DashboardServer
        {
            Settings = settings,
            TestServices = s => s.AddSingleton(sp => _calls.Around(new SqliteStoreProvider(sp.GetService<IHostEnvironment>()), Counted)),
        };
    }

    public async ValueTask InitializeAsync()
    {
        _server.Started();
        var cache = _server.Services.GetRequiredService<TenantHealthCache>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (cache.Counts().NotChecked > 0 && DateTime.UtcNow < deadline) await Task.Delay(50, Ct);
        Assert.Equal(0, cache.Counts().NotChecked);
    }

    [Fact]
    public async Task Requests_to_healthz_make_no_backend_call_whoever_asks()
    {
        var anonymous = _server.Browser();
        var ops = await _server.SignedInAsync("ops@example.com", "ops-pass-1");
        var before = _calls.Total;
        Assert.True(before >= DashboardServer.TenantIds.Length, $"the prober's pings are counted too ({before})");

        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync("/healthz", Ct)).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await ops.GetAsync("/healthz", Ct)).StatusCode);
        }

        Assert.Equal(before, _calls.Total);
    }

    [Fact]
    public async Task Anonymous_callers_get_counts_and_no_tenant_names_while_ops_see_which_tenant_is_down()
    {
        var anonymous = await _server.Browser().GetStringAsync("/healthz", Ct);
        using (var json = JsonDocument.Parse(anonymous))
        {
            Assert.Equal("Degraded", json.RootElement.GetProperty("status").GetString());
            var tenants = json.RootElement.GetProperty("tenants");
            Assert.Equal(5, tenants.GetProperty("total").GetInt32());
            Assert.Equal(4, tenants.GetProperty("reachable").GetInt32());
            Assert.Equal(1, tenants.GetProperty("unavailable").GetInt32());
            Assert.True(tenants.TryGetProperty("preparing", out _), "the count of tenants still being prepared after start");
            Assert.False(json.RootElement.TryGetProperty("checks", out _));
        }
        foreach (var name in DashboardServer.TenantIds.Append(Broken).Append("Secret Customer"))
            Assert.DoesNotContain(name, anonymous, StringComparison.OrdinalIgnoreCase);

        var ops = await (await _server.SignedInAsync("ops@example.com", "ops-pass-1")).GetStringAsync("/healthz", Ct);
        Assert.Contains(Broken, ops);
        Assert.Contains("\"checks\"", ops);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
}
