using Dashboard.Core;
using Dashboard.Core.Tenants;
using Dashboard.Core.Tenants.Health;
using Dashboard.Providers.Sql;
using Dashboard.Tests.Metering;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Tenants;

/// <summary>
/// The prober on real SQLite tenants (and one whose file cannot be opened), passes driven by hand on a manual
/// clock: its budget per pass, its concurrency bound, when a healthy tenant is due again and the backoff of a dead one.
/// </summary>
public sealed class TenantHealthProberTests : IAsyncDisposable
{
    private const int Healthy = 12;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-prober-" + Guid.NewGuid().ToString("N"));
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly BackendCallCounter _calls = new() { PingPause = TimeSpan.FromMilliseconds(40) };
    private readonly ServiceProvider _services;

    public TenantHealthProberTests()
    {
        Directory.CreateDirectory(_folder);
        var settings = new Dictionary<string, string?>
        {
            ["TenantHealth:Interval"] = "00:00:30",
            ["TenantHealth:MaxConcurrency"] = "3",
            ["TenantHealth:MaxProbesPerSecond"] = "5",
            ["TenantHealth:FirstRetry"] = "00:00:05",
            // Real time: generous, so a loaded machine does not turn a slow healthy ping into a failure.
            ["TenantHealth:Timeout"] = "00:01:00",
            ["TenantHealth:MaxBackoff"] = "00:00:15",
            ["Tenants:dead:Provider"] = "CountedSqlite",
            ["Tenants:dead:Settings:ConnectionString"] = $"Data Source={Path.Combine(_folder, "missing", "dead.db")};Mode=ReadWrite",
        };
        for (var i = 0; i < Healthy; i++)
        {
            settings[$"Tenants:t{i:00}:Provider"] = "CountedSqlite";
            settings[$"Tenants:t{i:00}:Settings:ConnectionString"] = $"Data Source={Path.Combine(_folder, $"t{i:00}.db")}";
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddDashboardCore(configuration)
            .AddSqlProviders()
            .AddSingleton(_calls.Around(new SqliteStoreProvider(), "CountedSqlite"))
            .BuildServiceProvider();
    }

    private TenantHealthProber Prober => _services.GetRequiredService<TenantHealthProber>();

    private TenantHealthCache Cache => _services.GetRequiredService<TenantHealthCache>();

    [Fact]
    public async Task A_disabled_tenant_is_not_pinged_and_is_counted_as_disabled_not_unavailable()
    {
        var registry = _services.GetRequiredService<TenantRegistry>();
        registry.Replace(registry.All.Select(t => t.Id == "dead" ? t with { Disabled = true } : t).ToList(), registry.ChangeVersion + 1);

        for (var pass = 0; pass < 3; pass++, _clock.Advance(TimeSpan.FromSeconds(1))) await Prober.ProbeDueAsync(Ct);

        Assert.Equal(0, _calls.CallsTo("dead"));
        Assert.Equal(new TenantHealthCounts(13, 12, 0, 0, Disabled: 1), Cache.Counts());
        Assert.Empty(Cache.Unavailable(10));
    }

    [Fact]
    public async Task A_pass_pings_at_most_its_budget_with_bounded_concurrency_and_never_checks_a_tenant_twice_before_it_is_due()
    {
        // 13 tenants, 5 a second: three passes a second apart check every tenant once.
        Assert.Equal(5, await Prober.ProbeDueAsync(Ct));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(5, await Prober.ProbeDueAsync(Ct));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, await Prober.ProbeDueAsync(Ct));

        Assert.Equal(new TenantHealthCounts(13, 12, 1, 0), Cache.Counts());
        Assert.InRange(_calls.MaxPingsInFlight, 2, 3);
        for (var i = 0; i < Healthy; i++) Assert.Equal(1, _calls.CallsTo($"t{i:00}"));
        Assert.Equal(1, _calls.CallsTo("dead"));

        // A second later nothing is due: the healthy wait 30 s, the dead one 5 s.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Prober.ProbeDueAsync(Ct));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(5, await Prober.ProbeDueAsync(Ct));
    }

    [Fact]
    public async Task A_dead_tenant_is_retried_after_a_doubling_pause_up_to_the_most_and_its_failures_and_problem_are_kept()
    {
        var deadChecks = new List<DateTimeOffset>();
        var start = _clock.Now;
        while (_clock.Now < start.AddSeconds(60))
        {
            var before = _calls.CallsTo("dead");
            await Prober.ProbeDueAsync(Ct);
            if (_calls.CallsTo("dead") > before) deadChecks.Add(_clock.Now);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var gaps = deadChecks.Zip(deadChecks.Skip(1), (a, b) => (int)(b - a).TotalSeconds).ToList();
        // 5 s, 10 s, then capped at 15 s.
        Assert.Equal([5, 10, 15, 15], gaps.Take(4));
        var dead = Cache.Find("dead")!;
        Assert.False(dead.Reachable);
        Assert.Equal(deadChecks.Count, dead.Failures);
        Assert.False(string.IsNullOrWhiteSpace(dead.Problem));
        Assert.Equal(Healthy, Cache.Counts().Reachable);
        // Healthy tenants meanwhile: once at start, once 30 s later (budget permitting), nothing in between.
        Assert.All(Enumerable.Range(0, Healthy), i => Assert.Equal(2, _calls.CallsTo($"t{i:00}")));
    }

    [Fact]
    public void At_ten_thousand_tenants_the_budget_sets_the_period()
    {
        var options = new TenantHealthOptions();
        Assert.Equal(TimeSpan.FromSeconds(30), options.PeriodFor(100));
        Assert.Equal(TimeSpan.FromSeconds(30), options.PeriodFor(1_000));
        Assert.Equal(TimeSpan.FromSeconds(200), options.PeriodFor(10_000));
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
