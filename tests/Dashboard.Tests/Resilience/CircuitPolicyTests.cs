using Dashboard.Core.Errors;
using Dashboard.Operations.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Resilience;

/// <summary>The circuit: when it opens, what an open circuit costs, how the prober closes it, and timeouts.</summary>
public sealed class CircuitPolicyTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private FaultySandbox _backend = null!;
    private TenantCircuit _circuit = null!;
    private ResilientDataStore _store = null!;

    private static readonly ResilienceOptions Options = new()
    {
        MaxAttempts = 1,
        Timeout = TimeSpan.FromSeconds(5),
        BreakAfterFailures = 5,
        FailureRatio = 0.5,
        SamplingDuration = TimeSpan.FromSeconds(10),
        // Longer than any test runs: only the prober can close the circuit here.
        BreakDuration = TimeSpan.FromMinutes(10),
        ProbeInterval = TimeSpan.FromSeconds(1),
        ProbeTimeout = TimeSpan.FromSeconds(2),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _backend = await FaultySandbox.CreateAsync(_clock, Ct);
        _circuit = new TenantCircuit(_backend.Tenant, FaultySandbox.Product, _backend.PingAsync, Options, _clock);
        _store = new ResilientDataStore(_backend, _circuit);
    }

    private async Task OpenTheCircuitAsync()
    {
        _backend.Fault = Fault.Unavailable;
        for (var i = 0; i < Options.BreakAfterFailures; i++)
            await Assert.ThrowsAsync<BackendUnavailableException>(() => _store.GetUserAsync("u", Ct));
        Assert.Equal(CircuitState.Open, _circuit.State);
    }

    [Fact]
    public async Task The_circuit_stays_closed_below_the_minimum_number_of_calls_and_opens_when_it_is_reached()
    {
        _backend.Fault = Fault.Unavailable;
        for (var i = 1; i < Options.BreakAfterFailures; i++)
        {
            var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => _store.GetUserAsync("u", Ct));
            Assert.Equal("cannot connect (ConnectionRefused)", error.Reason);
            Assert.Equal(CircuitState.Closed, _circuit.State);
        }

        await Assert.ThrowsAsync<BackendUnavailableException>(() => _store.GetUserAsync("u", Ct));

        Assert.Equal(CircuitState.Open, _circuit.State);
        Assert.Equal(_clock.GetUtcNow(), _circuit.OpenedAt);
    }

    [Fact]
    public async Task Answers_other_than_unavailable_prove_the_backend_alive_and_never_open_the_circuit()
    {
        _backend.Fault = Fault.Throttle;
        for (var i = 0; i < Options.BreakAfterFailures * 2; i++)
            await Assert.ThrowsAsync<ThrottledException>(() => _store.GetUserAsync("u", Ct));
        Assert.Equal(CircuitState.Closed, _circuit.State);
    }

    [Fact]
    public async Task An_open_circuit_refuses_calls_and_pings_at_once_without_reaching_the_backend()
    {
        await OpenTheCircuitAsync();
        var reached = _backend.Calls.Count;

        for (var i = 0; i < 20; i++)
        {
            var refused = await Assert.ThrowsAsync<BackendUnavailableException>(() => _store.ListUsersAsync(new(), new(10), Ct));
            Assert.StartsWith("circuit open since 09:00:00 UTC after repeated failures (cannot connect (ConnectionRefused))", refused.Reason);
            Assert.Equal(Options.ProbeInterval, refused.RetryAfter);
        }
        // A health check's ping answers from the circuit too: no trial call used up, no wait.
        var ping = await Assert.ThrowsAsync<BackendUnavailableException>(() => _store.PingAsync(Ct));
        Assert.Contains("circuit open", ping.Reason);

        Assert.Equal(reached, _backend.Calls.Count);
        Assert.Equal(21, _circuit.Rejected);
    }

    [Fact]
    public async Task The_prober_pings_once_per_interval_while_the_backend_is_down_and_closes_the_circuit_when_it_answers()
    {
        await OpenTheCircuitAsync();

        // Five seconds down: about one ping a second, whatever the traffic.
        await _clock.AdvanceUntilAsync(() => _circuit.LastProbe is not null && _clock.GetUtcNow() - _circuit.OpenedAt >= TimeSpan.FromSeconds(5),
            TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
        Assert.InRange(_backend.CallCount("ping"), 4, 6);
        Assert.Equal(CircuitState.Open, _circuit.State);
        Assert.False(_circuit.LastProbe!.Answered);
        var refused = await Assert.ThrowsAsync<BackendUnavailableException>(() => _store.PingAsync(Ct));
        Assert.Contains("last probe at 09:00:0", refused.Reason);

        // The backend is back: the next probe reaches the real sandbox and closes the circuit.
        _backend.Fault = Fault.None;
        var took = await _clock.AdvanceUntilAsync(() => _circuit.State == CircuitState.Closed, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));

        Assert.True(took <= Options.ProbeInterval * 2, $"closed {took.TotalMilliseconds} ms (fake time) after the backend answered");
        Assert.True(_circuit.LastProbe!.Answered);
        Assert.Null(_circuit.OpenedAt);
        await _store.PingAsync(Ct);
        Assert.Null(await _store.GetUserAsync("u", Ct));

        // Closed means no more probes.
        var pings = _backend.CallCount("ping");
        _clock.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(50, Ct);
        Assert.Equal(pings, _backend.CallCount("ping"));
    }

    [Fact]
    public async Task A_hung_backend_times_out_each_attempt_and_pings_use_the_shorter_probe_timeout()
    {
        _backend.Fault = Fault.Hang;
        var call = _store.GetUserAsync("u", Ct);
        var callTook = await _clock.AdvanceUntilAsync(() => call.IsCompleted, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));
        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => call);
        Assert.Equal("no answer within 5 s", error.Reason);
        Assert.InRange(callTook, Options.Timeout, Options.Timeout + TimeSpan.FromMilliseconds(100));

        var ping = _store.PingAsync(Ct);
        var pingTook = await _clock.AdvanceUntilAsync(() => ping.IsCompleted, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));
        Assert.Equal("no answer within 2 s", (await Assert.ThrowsAsync<BackendUnavailableException>(() => ping)).Reason);
        Assert.InRange(pingTook, Options.ProbeTimeout, Options.ProbeTimeout + TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Timeouts_count_as_failures_and_open_the_circuit()
    {
        _backend.Fault = Fault.Hang;
        var calls = Enumerable.Range(0, Options.BreakAfterFailures).Select(_ => _store.GetUserAsync("u", Ct)).ToList();
        await _clock.AdvanceUntilAsync(() => calls.All(c => c.IsCompleted), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));

        Assert.Equal(CircuitState.Open, _circuit.State);
        var refused = await Assert.ThrowsAsync<BackendUnavailableException>(() => _store.GetUserAsync("u", Ct));
        Assert.Contains("(no answer within 5 s)", refused.Reason);
    }

    public async ValueTask DisposeAsync()
    {
        await _circuit.DisposeAsync();
        await _backend.DisposeAsync();
    }
}
