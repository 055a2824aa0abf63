using System.Diagnostics;
using System.Diagnostics.Metrics;
using Polly.Telemetry;

namespace Dashboard.Operations.Resilience;

/// <summary>
/// Polly's events for /metrics, on the store's meter (already exported): <c>dashboard.store.resilience.events</c>
/// counts retries, timeouts and circuit transitions by Polly's event name, and <c>dashboard.store.circuit.open</c>
/// is 1 while a tenant's circuit refuses calls.
/// </summary>
internal sealed class ResilienceMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _events;

    public ResilienceMetrics(IMeterFactory? meters, Func<IEnumerable<TenantCircuit>> circuits)
    {
        _meter = meters?.Create(StoreMetrics.MeterName) ?? new Meter(StoreMetrics.MeterName);
        _events = _meter.CreateCounter<long>("dashboard.store.resilience.events", "{event}",
            "Retries, timeouts and circuit transitions of the per-tenant resilience pipelines, by Polly's event name.");
        _meter.CreateObservableGauge("dashboard.store.circuit.open",
            () => circuits().Select(c => new Measurement<int>(c.IsOpen ? 1 : 0, Tags(c.Tenant, c.Provider))),
            "{circuit}", "1 while the tenant's circuit refuses calls (open or half-open), else 0.");
    }

    public TelemetryListener ListenerFor(string tenant, string provider) => new Listener(_events, tenant, provider);

    private static TagList Tags(string tenant, string provider) => new()
    {
        { "dashboard.tenant", tenant },
        { "dashboard.provider", provider },
    };

    public void Dispose() => _meter.Dispose();

    private sealed class Listener(Counter<long> events, string tenant, string provider) : TelemetryListener
    {
        public override void Write<TResult, TArgs>(in TelemetryEventArguments<TResult, TArgs> args)
        {
            // OnRetry, OnTimeout, OnCircuitOpened/Closed/HalfOpened; not the per-attempt and per-execution chatter.
            var name = args.Event.EventName;
            if (!events.Enabled || !name.StartsWith("On", StringComparison.Ordinal)) return;
            var tags = Tags(tenant, provider);
            tags.Add("event.name", name);
            events.Add(1, tags);
        }
    }
}
