using System.Collections.Concurrent;
using Dashboard.Core.Errors;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Operations.Metering;
using Dashboard.Operations.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Resilience;

/// <summary>
/// The prober's pings of an open circuit are real backend calls (a read unit each on DynamoDB): they reach the
/// metering sinks as pings of the tenant, so the cost page and the backend's own bill agree.
/// </summary>
public sealed class ProbeMeteringTests
{
    private sealed class RecordingSink : IStoreCallSink
    {
        public ConcurrentQueue<StoreCall> Calls { get; } = new();

        public void Record(in StoreCall call) => Calls.Enqueue(call);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_probe_of_an_open_circuit_is_metered_as_a_ping_of_its_tenant()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await using var backend = await FaultySandbox.CreateAsync(clock, Ct);
        var options = new ResilienceOptions
        {
            MaxAttempts = 1, BreakAfterFailures = 2, FailureRatio = 0.5, SamplingDuration = TimeSpan.FromSeconds(10),
            BreakDuration = TimeSpan.FromMinutes(10), ProbeInterval = TimeSpan.FromSeconds(1), ProbeTimeout = TimeSpan.FromSeconds(2),
        };
        await using var circuits = new TenantCircuits(Microsoft.Extensions.Options.Options.Create(options), clock);
        var sink = new RecordingSink();
        var tenant = new TenantDescriptor(backend.Tenant, backend.Tenant, "Sqlite", new Dictionary<string, string?>());
        var store = new ResilienceDecorator(circuits, [sink]).Decorate(tenant, FaultySandbox.Product, backend);

        backend.Fault = Fault.Unavailable;
        for (var i = 0; i < options.BreakAfterFailures; i++)
            await Assert.ThrowsAsync<BackendUnavailableException>(() => store.GetUserAsync("u", Ct));
        var circuit = Assert.Single(circuits.All);
        Assert.Equal(CircuitState.Open, circuit.State);
        // Calls through the breaker are the outer metering decorator's to count, not this one's.
        Assert.Empty(sink.Calls);

        await clock.AdvanceUntilAsync(() => backend.CallCount("ping") >= 2, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
        backend.Fault = Fault.None;
        await clock.AdvanceUntilAsync(() => circuit.State == CircuitState.Closed, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));

        var pings = sink.Calls.ToList();
        Assert.Equal(backend.CallCount("ping"), pings.Count);
        Assert.All(pings, p => Assert.Equal((backend.Tenant, FaultySandbox.Product, StoreOperation.Ping), (p.Series.Tenant, p.Series.Provider, p.Series.Operation)));
        Assert.Equal(StoreOutcome.Ok, pings[^1].Outcome);
        Assert.All(pings[..^1], p => Assert.Equal(StoreOutcome.Unavailable, p.Outcome));
    }
}
