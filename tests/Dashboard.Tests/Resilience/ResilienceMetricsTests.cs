using System.Diagnostics.Metrics;
using Dashboard.Core.Errors;
using Dashboard.Operations.Metering;
using Dashboard.Operations.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Resilience;

/// <summary>Polly's events reach /metrics through the store's meter, tagged with the tenant.</summary>
public sealed class ResilienceMetricsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private readonly List<(string Event, string Tenant)> _events = [];
    private readonly MeterListener _listener = new();
    private FaultySandbox _backend = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _backend = await FaultySandbox.CreateAsync(_clock, Ct);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == StoreMetrics.MeterName && instrument.Name == "dashboard.store.resilience.events")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? name = null, tenant = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "event.name") name = tag.Value as string;
                if (tag.Key == "dashboard.tenant") tenant = tag.Value as string;
            }
            if (tenant == _backend.Tenant) lock (_events) _events.Add((name!, tenant));
        });
        _listener.Start();
    }

    [Fact]
    public async Task Retries_and_circuit_transitions_are_counted_by_Polly_event_name()
    {
        await using var circuits = new TenantCircuits(Options.Create(new ResilienceOptions
        {
            MaxAttempts = 2,
            BaseDelay = TimeSpan.FromMilliseconds(10),
            BreakAfterFailures = 2,
            BreakDuration = TimeSpan.FromMinutes(10),
        }), _clock);
        var store = new ResilientDataStore(_backend, circuits.For(_backend.Tenant, FaultySandbox.Product, () => _backend.PingAsync));

        _backend.Fault = Fault.Throttle;
        var throttled = store.GetUserAsync("u", Ct);
        await _clock.AdvanceUntilAsync(() => throttled.IsCompleted, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<ThrottledException>(() => throttled);

        _backend.Fault = Fault.Unavailable;
        for (var i = 0; i < 2; i++) await Assert.ThrowsAsync<BackendUnavailableException>(() => store.GetUserAsync("u", Ct));
        _backend.Fault = Fault.None;
        var circuit = Assert.Single(circuits.All);
        await _clock.AdvanceUntilAsync(() => circuit.State == CircuitState.Closed, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));

        List<string> names;
        lock (_events) names = _events.Select(e => e.Event).ToList();
        Assert.Equal(["OnRetry", "OnCircuitOpened", "OnCircuitClosed"], names);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _backend.DisposeAsync();
    }
}
