using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Operations.Load;
using Dashboard.Core.Stores;

namespace Dashboard.Commands.Tests.LoadGeneration;

/// <summary>
/// The load generator picks its users and orders before sending load. Those sampling calls get the load's own
/// protection: throttled or briefly unavailable answers are retried with backoff, and a backend that stays down
/// stops the run before any load with a one-line reason.
/// </summary>
[Collection(OneAtATime.Name)]
public sealed class LoadSamplingTests(SandboxStore sandbox) : IClassFixture<SandboxStore>
{
    private static readonly SamplingPatience Quick = new(TimeSpan.FromSeconds(5), UnavailableAttempts: 3,
        BaseDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(20));

    private static LoadPlan Plan => new("sandbox", RatePerSecond: 50, Duration: TimeSpan.FromSeconds(0.4)) { Sampling = Quick };

    [Fact]
    public async Task Throttled_sampling_calls_are_retried_and_the_load_runs()
    {
        var store = new FailingFirstStore(sandbox.Store, failures: 12, () => new ThrottledException("sandbox", "SQLite sandbox", "busy"));

        var summary = await Generator(store).RunAsync(Plan, CancellationToken.None);

        Assert.Equal(20, summary.Started + summary.Skipped);
        Assert.Equal(summary.Started, summary.Completed);
        Assert.True(store.Calls > store.Failures, $"{store.Calls} calls");
    }

    [Fact]
    public async Task A_short_outage_during_sampling_is_ridden_out()
    {
        var store = new FailingFirstStore(sandbox.Store, failures: 2, Unreachable);

        var summary = await Generator(store).RunAsync(Plan, CancellationToken.None);

        Assert.Equal(summary.Started, summary.Completed);
        Assert.True(summary.Completed > 0);
    }

    [Fact]
    public async Task A_backend_that_stays_down_stops_the_run_before_any_load_with_one_line()
    {
        var store = new FailingFirstStore(sandbox.Store, failures: int.MaxValue, Unreachable);

        var e = await Assert.ThrowsAsync<LoadNotStartedException>(() => Generator(store).RunAsync(Plan, CancellationToken.None));

        Assert.True(e.BackendFailed);
        Assert.Equal(Quick.UnavailableAttempts, store.Calls);   // the sampling tries, and not one call of load
        Assert.StartsWith("Tenant 'sandbox' is unavailable (3 tries while picking users), so no load was sent: backend unavailable", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task A_backend_that_throttles_throughout_stops_the_run_when_patience_runs_out()
    {
        var store = new FailingFirstStore(sandbox.Store, failures: int.MaxValue, () => new ThrottledException("sandbox", "SQLite sandbox", "busy"));
        var plan = Plan with { Sampling = Quick with { ThrottledFor = TimeSpan.FromMilliseconds(300) } };

        var e = await Assert.ThrowsAsync<LoadNotStartedException>(() => Generator(store).RunAsync(plan, CancellationToken.None));

        Assert.True(e.BackendFailed);
        Assert.StartsWith("Tenant 'sandbox' kept throttling while picking users", e.Message);
        Assert.True(store.Calls > 1, $"{store.Calls} calls");
    }

    [Fact]
    public async Task Other_failures_are_not_retried()
    {
        var store = new FailingFirstStore(sandbox.Store, failures: 1, () => new ValidationException("q", "bad"));

        await Assert.ThrowsAsync<ValidationException>(() => Generator(store).RunAsync(Plan, CancellationToken.None));
        Assert.Equal(1, store.Calls);
    }

    private LoadGenerator Generator(IDataStore store) =>
        new(new TenantStore(sandbox.Tenant, store, TimeProvider.System, UlidGenerator.Shared));

    private static BackendUnavailableException Unreachable() => new("sandbox", "SQLite sandbox", "cannot connect (ConnectionRefused)");
}
