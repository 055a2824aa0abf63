using Dashboard.Core.Errors;
using Dashboard.Core.Usage;
using Dashboard.Operations.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Resilience;

/// <summary>Retry on throttling: how often, how far apart, and how each attempt is metered.</summary>
public sealed class RetryPolicyTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(2);
    private readonly FakeTimeProvider _clock = new();
    private FaultySandbox _backend = null!;

    private static readonly ResilienceOptions Options = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(5),
    };

    public async ValueTask InitializeAsync() => _backend = await FaultySandbox.CreateAsync(_clock, TestContext.Current.CancellationToken);

    private ResilientDataStore Store(Func<double> random) =>
        new(_backend, new TenantCircuit(_backend.Tenant, FaultySandbox.Product, _backend.PingAsync, Options, _clock, random: random));

    private IReadOnlyList<TimeSpan> Gaps(string operation)
    {
        var times = _backend.Calls.Where(c => c.Operation == operation).Select(c => c.At).ToList();
        return times.Zip(times.Skip(1), (a, b) => b - a).ToList();
    }

    [Fact]
    public async Task A_throttled_call_is_tried_MaxAttempts_times_with_growing_delays_and_each_attempt_is_metered()
    {
        _backend.Fault = Fault.Throttle;
        // The middle of the jitter range every time, so the delays are the policy's median curve.
        var store = Store(() => 0.5);
        CallUsage usage;
        Task call;
        using (UsageScope.Begin(out usage)) call = store.GetUserAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV", TestContext.Current.CancellationToken);

        await _clock.AdvanceUntilAsync(() => call.IsCompleted, Step, TimeSpan.FromSeconds(30));

        var thrown = await Assert.ThrowsAsync<ThrottledException>(() => call);
        Assert.Equal("SQLITE_BUSY (database is locked)", thrown.Cause);
        Assert.Equal(4, _backend.CallCount("get_user"));
        var gaps = Gaps("get_user");
        Assert.True(gaps[0] < gaps[1] && gaps[1] < gaps[2], $"delays should grow: {string.Join(", ", gaps.Select(g => g.TotalMilliseconds))} ms");
        Assert.InRange(gaps[0].TotalMilliseconds, 50, 400);
        // One event per attempt: three were retried, the last one reached the caller.
        Assert.Equal([true, true, true, false], usage.Throttles.Select(t => t.Retried));
    }

    [Fact]
    public async Task Jitter_spreads_the_retries_of_calls_throttled_at_the_same_moment_and_delays_grow_on_average()
    {
        _backend.Fault = Fault.Throttle;
        var seeded = new Random(20261124);
        var gate = new Lock();
        var store = Store(() => { lock (gate) return seeded.NextDouble(); });
        var ct = TestContext.Current.CancellationToken;
        var calls = Enumerable.Range(0, 20).Select(i => store.GetOrderAsync($"order-{i}", ct)).ToList();

        await _clock.AdvanceUntilAsync(() => calls.All(c => c.IsCompleted), Step, TimeSpan.FromSeconds(60));

        foreach (var call in calls) await Assert.ThrowsAsync<ThrottledException>(() => call);
        var gapsPerCall = _backend.Calls.GroupBy(c => c.Key).Select(g =>
        {
            var times = g.Select(c => c.At).ToList();
            return times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        }).ToList();
        Assert.All(gapsPerCall, gaps => Assert.Equal(3, gaps.Count));
        Assert.True(gapsPerCall.Select(g => g[0]).Distinct().Count() >= 15,
            $"first retries should spread out: {string.Join(", ", gapsPerCall.Select(g => g[0].TotalMilliseconds))} ms");
        var means = Enumerable.Range(0, 3).Select(k => gapsPerCall.Average(g => g[k].TotalMilliseconds)).ToList();
        Assert.True(means[0] < means[1] && means[1] < means[2], $"mean delays should grow: {string.Join(", ", means)} ms");
        Assert.All(gapsPerCall.SelectMany(g => g), gap => Assert.True(gap <= Options.MaxDelay + Step));
    }

    [Fact]
    public async Task A_call_that_is_not_throttled_is_not_retried()
    {
        _backend.Fault = Fault.None;
        var store = Store(() => 0.5);
        Assert.Null(await store.GetUserAsync("missing", TestContext.Current.CancellationToken));
        Assert.Equal(1, _backend.CallCount("get_user"));
    }

    public async ValueTask DisposeAsync() => await _backend.DisposeAsync();
}
