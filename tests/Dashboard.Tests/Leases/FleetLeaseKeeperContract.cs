using Dashboard.AppStore;
using Dashboard.Core.Alerts;
using Dashboard.Tests.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Leases;

/// <summary>
/// The fleet lease keeper on each database the app store runs on: it renews at a third of the lease, a refused
/// renewal cancels the owner's work at once, a failing renewal is retried and the lease kept, and renewals failing
/// (or hanging) until shortly before the lapse cancel the owner's work while the lease is still its own.
/// The clock is a fake one driven in small steps; the store is real, behind a switch that makes calls fail.
/// </summary>
public abstract class FleetLeaseKeeperContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-03-02T09:00:00Z");
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private const string Name = "keeper-test";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-keeper-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(T0);
    private ServiceProvider _services = null!;
    private FlakyFleetLease _flaky = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>AppStore settings for a new, empty store.</summary>
    protected abstract Dictionary<string, string?> NewStore(string folder);

    protected abstract bool MySql { get; }

    private IFleetLease Store => _services.GetRequiredService<IFleetLease>();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(NewStore(_folder)).Build();
        _services = new ServiceCollection().AddLogging().AddAppStore(configuration).BuildServiceProvider();
        await using (var db = await _services.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync(Ct))
            await AppStoreSchema.EnsureAsync(db, MySql, Ct);
        _flaky = new FlakyFleetLease(Store);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>"owner" takes the lease at T0 through the store, and a keeper keeps it from then on.</summary>
    private async Task<FleetLeaseKeeper> KeptAsync()
    {
        Assert.True(await Store.TryAcquireAsync(Name, "owner", T0, Lease, Ct));
        var keeper = FleetLeaseKeeper.Start(_flaky, Name, "owner", Lease, T0, _clock, NullLogger.Instance);
        await SettleAsync();
        return keeper;
    }

    [Fact]
    public async Task It_renews_at_a_third_of_the_lease_so_nobody_else_can_take_it()
    {
        await using var keeper = await KeptAsync();

        await DriveAsync(() => _flaky.Calls.Count >= 3, TimeSpan.FromSeconds(40));

        var renewals = _flaky.Calls;
        Assert.All(renewals, c => Assert.Equal("renewed", c.Outcome));
        Assert.Equal([10.0, 20.0, 30.0], renewals.Select(c => Math.Round((c.Now - T0).TotalSeconds)));
        Assert.All(renewals, c => Assert.InRange((c.Now - T0).TotalSeconds % 10, 0, 0.5));
        Assert.False(keeper.Lost.IsCancellationRequested);
        Assert.True(keeper.Holds);
        // Past the first lease's end, and the second's: the last renewal keeps it ours until about T0 + 60 s.
        Assert.False(await Store.TryAcquireAsync(Name, "other", T0.AddSeconds(59), Lease, Ct));
        Assert.Equal(renewals[^1].Now + Lease, keeper.HeldUntil);
    }

    [Fact]
    public async Task A_refused_renewal_cancels_the_owners_work_at_once_and_renewing_stops()
    {
        await using var keeper = await KeptAsync();
        // The owner was paused past the lapse, in the store's eyes, and another instance took the lease.
        Assert.True(await Store.TryAcquireAsync(Name, "other", T0 + Lease + TimeSpan.FromSeconds(1), Lease, Ct));

        await DriveAsync(() => keeper.Lost.IsCancellationRequested, TimeSpan.FromSeconds(11));

        var call = Assert.Single(_flaky.Calls);
        Assert.Equal("refused", call.Outcome);
        Assert.InRange((call.Now - T0).TotalSeconds, 10, 10.5);
        Assert.Equal(LeaseLossKind.Refused, keeper.Loss?.Kind);
        Assert.False(keeper.Holds);
        await DriveAsync(() => false, TimeSpan.FromSeconds(30), mayEndAtLimit: true);
        Assert.Single(_flaky.Calls);
    }

    [Fact]
    public async Task A_renewal_that_fails_is_retried_with_a_short_backoff_and_the_lease_kept()
    {
        await using var keeper = await KeptAsync();
        _flaky.FailNext(3);

        await DriveAsync(() => _flaky.Calls.Any(c => c.Outcome == "renewed"), TimeSpan.FromSeconds(20));

        var calls = _flaky.Calls;
        Assert.Equal(["failed", "failed", "failed", "renewed"], calls.Select(c => c.Outcome));
        // 10 s, then after 0.5, 1 and 2 s.
        Assert.Equal([10.0, 10.5, 11.5, 13.5], calls.Select(c => Math.Round((c.Now - T0).TotalSeconds * 2) / 2));
        Assert.False(keeper.Lost.IsCancellationRequested);
        Assert.Null(keeper.Loss);
        Assert.Equal(calls[^1].Now + Lease, keeper.HeldUntil);
        Assert.False(await Store.TryAcquireAsync(Name, "other", T0.AddSeconds(40), Lease, Ct));

        // Back to the usual cadence: the next renewal a third of the lease after the one that succeeded.
        await DriveAsync(() => _flaky.Calls.Count >= 5, TimeSpan.FromSeconds(11));
        Assert.InRange((_flaky.Calls[4].Now - calls[^1].Now).TotalSeconds, 10, 10.5);
        Assert.Equal("renewed", _flaky.Calls[4].Outcome);
    }

    [Fact]
    public async Task Renewals_failing_until_shortly_before_the_lapse_cancel_the_owners_work_while_the_lease_is_still_its_own()
    {
        await using var keeper = await KeptAsync();
        _flaky.FailNext(int.MaxValue);

        await DriveAsync(() => keeper.Lost.IsCancellationRequested, TimeSpan.FromSeconds(30));

        var lostAt = _clock.GetUtcNow();
        // Given up a tenth of the lease before it lapses (T0 + 27 s), not at the first failure.
        Assert.InRange((lostAt - T0).TotalSeconds, 27, 27.5);
        Assert.True(_flaky.Calls.Count >= 6, $"only {_flaky.Calls.Count} attempts");
        Assert.All(_flaky.Calls, c => Assert.Equal("failed", c.Outcome));
        Assert.Equal(LeaseLossKind.Unrenewable, keeper.Loss?.Kind);
        Assert.Contains("the app store is unreachable (test)", keeper.Loss!.Reason);
        Assert.IsType<InvalidOperationException>(keeper.Loss.Error);
        // Nobody else could have the lease yet when the owner was told to stop.
        Assert.False(await Store.TryAcquireAsync(Name, "other", lostAt, Lease, Ct));
        var attempts = _flaky.Calls.Count;
        await DriveAsync(() => false, TimeSpan.FromSeconds(20), mayEndAtLimit: true);
        Assert.Equal(attempts, _flaky.Calls.Count);
    }

    [Fact]
    public async Task A_renewal_that_never_answers_is_given_up_before_the_lapse_and_cancels_the_owners_work()
    {
        await using var keeper = await KeptAsync();
        _flaky.Hang();

        await DriveAsync(() => keeper.Lost.IsCancellationRequested, TimeSpan.FromSeconds(30), waitForCalls: false);

        Assert.InRange((_clock.GetUtcNow() - T0).TotalSeconds, 27, 27.5);
        var call = Assert.Single(_flaky.Calls);
        Assert.InRange((call.Now - T0).TotalSeconds, 10, 10.5);
        Assert.Equal(LeaseLossKind.Unrenewable, keeper.Loss?.Kind);
    }

    [Fact]
    public async Task Released_it_stops_renewing_and_another_holder_takes_the_lease_at_once()
    {
        var keeper = await KeptAsync();
        await DriveAsync(() => _flaky.Calls.Count >= 1, TimeSpan.FromSeconds(11));

        await keeper.ReleaseAsync(Ct);

        Assert.True(await Store.TryAcquireAsync(Name, "other", _clock.GetUtcNow(), Lease, Ct));
        await DriveAsync(() => false, TimeSpan.FromSeconds(20), mayEndAtLimit: true);
        Assert.Single(_flaky.Calls);
        Assert.Null(keeper.Loss);
    }

    /// <summary>
    /// Moves the fake clock on in small steps, letting the keeper do what falls due after each (its store calls
    /// finished), until <paramref name="until"/> holds; failing if it does not within <paramref name="limit"/>.
    /// </summary>
    private async Task DriveAsync(Func<bool> until, TimeSpan limit, bool mayEndAtLimit = false, bool waitForCalls = true)
    {
        var end = _clock.GetUtcNow() + limit;
        while (!until())
        {
            if (_clock.GetUtcNow() >= end)
            {
                Assert.True(mayEndAtLimit, $"not reached within {limit.TotalSeconds} s of fake time; calls: {string.Join(", ", _flaky.Calls)}");
                return;
            }
            _clock.Advance(Step);
            await SettleAsync(waitForCalls);
        }
    }

    private async Task SettleAsync(bool waitForCalls = true)
    {
        await Task.Delay(5, Ct);
        for (var waited = 0; waitForCalls && _flaky.InFlight > 0 && waited < 2000; waited++) await Task.Delay(5, Ct);
        await Task.Delay(5, Ct);
    }
}

public sealed class SqliteFleetLeaseKeeperTests : FleetLeaseKeeperContract
{
    protected override bool MySql => false;

    protected override Dictionary<string, string?> NewStore(string folder) =>
        new() { ["AppStore:ConnectionString"] = $"Data Source={Path.Combine(folder, "dashboard.db")}" };
}

[Trait("Backend", "PlanetScale")]
public sealed class MariaDbFleetLeaseKeeperTests(MariaDbForAppStore maria) : FleetLeaseKeeperContract, IClassFixture<MariaDbForAppStore>
{
    protected override bool MySql => true;

    protected override Dictionary<string, string?> NewStore(string folder) => new()
    {
        ["AppStore:Provider"] = "MySql",
        ["AppStore:ConnectionString"] = maria.Server.ConnectionString(database: "dashboard_" + Guid.NewGuid().ToString("N")[..12]),
    };
}
