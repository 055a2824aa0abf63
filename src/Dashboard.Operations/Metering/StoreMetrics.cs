using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dashboard.Operations.Metering;

/// <summary>
/// The store calls as System.Diagnostics.Metrics instruments, for /metrics (Prometheus through OpenTelemetry).
/// The duration histogram follows the OpenTelemetry database semantic conventions
/// (<c>db.client.operation.duration</c> in seconds with <c>db.system.name</c>, <c>db.operation.name</c>,
/// <c>error.type</c>); usage, throttling and the per-tenant call count have no convention, so they are ours under
/// <c>dashboard.store.*</c>.
/// <para>
/// A cardinality budget, so /metrics grows with tenants by a handful of series each, not hundreds: the histogram
/// (21 buckets, sum and count per label set) is per provider, operation and outcome, and carries the tenant only
/// with <c>Metrics:PerTenantHistograms</c> (which also puts the operation on the throttles); per tenant there are counters without the operation —
/// <c>dashboard.store.operations</c> (by outcome, so errors too), <c>dashboard.store.usage</c> (by unit, and whether
/// a change feed spent it) and <c>dashboard.store.throttles</c> (by cause and whether it was retried).
/// </para>
/// </summary>
public sealed class StoreMetrics : IStoreCallSink, IDisposable
{
    public const string MeterName = "Dashboard.Store";

    private readonly Meter _meter;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _operations;
    private readonly Counter<double> _usage;
    private readonly Counter<long> _throttles;
    private readonly bool _perTenantHistograms;

    /// <summary>
    /// Bounds of the duration histogram (seconds), dense where store calls fall (1–100 ms), so percentiles taken from
    /// the buckets across the fleet (Prometheus) are within about a quarter of the bucket they land in.
    /// </summary>
    public static readonly double[] Buckets =
        [0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10];

    public StoreMetrics(IMeterFactory? meters = null, IOptions<MetricsOptions>? options = null)
    {
        _perTenantHistograms = options?.Value.PerTenantHistograms ?? false;
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _duration = _meter.CreateHistogram("db.client.operation.duration", "s", "Duration of store calls, retries included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        _operations = _meter.CreateCounter<long>("dashboard.store.operations", "{call}", "Store calls per tenant, by outcome.");
        _usage = _meter.CreateCounter<double>("dashboard.store.usage", "{unit}", "Billing units the providers reported (RCU, WCU, rows, Fauna ops).");
        _throttles = _meter.CreateCounter<long>("dashboard.store.throttles", "{event}", "Throttling answers per attempt, retried or surfaced.");
    }

    public void Record(in StoreCall call)
    {
        var series = call.Series;
        var outcome = StoreOutcomes.Name(call.Outcome);
        if (_duration.Enabled)
        {
            var tags = new TagList
            {
                { "db.system.name", series.DbSystem },
                { "db.operation.name", series.OperationName },
                { "dashboard.provider", series.Provider },
                { "dashboard.outcome", outcome },
            };
            if (_perTenantHistograms) tags.Add("dashboard.tenant", series.Tenant);
            if (call.Outcome != StoreOutcome.Ok && call.Outcome != StoreOutcome.NotFound) tags.Add("error.type", outcome);
            _duration.Record(call.Duration.TotalSeconds, tags);
        }
        if (_operations.Enabled)
            _operations.Add(1, new TagList
            {
                { "dashboard.provider", series.Provider },
                { "dashboard.tenant", series.Tenant },
                { "dashboard.outcome", outcome },
            });
        if (_usage.Enabled && call.Usage.HasUnits)
        {
            var amounts = call.Usage.UnitAmounts;
            var live = series.Operation == StoreOperation.LiveUpdates ? "true" : "false";
            for (var i = 0; i < UsageUnits.Count; i++)
            {
                if (amounts[i] == 0) continue;
                _usage.Add(amounts[i], new TagList
                {
                    { "dashboard.provider", series.Provider },
                    { "dashboard.tenant", series.Tenant },
                    { "dashboard.usage.unit", UsageUnits.MetricName((UsageUnit)i) },
                    { "dashboard.usage.live", live },
                });
            }
        }
        if (_throttles.Enabled && call.Usage.ThrottleCount > 0)
        {
            foreach (var t in call.Usage.Throttles)
            {
                var tags = new TagList
                {
                    { "dashboard.provider", series.Provider },
                    { "dashboard.tenant", series.Tenant },
                    { "dashboard.throttle.cause", t.Cause },
                    { "dashboard.throttle.retried", t.Retried ? "true" : "false" },
                };
                // The operation goes with the per-tenant detail: the throughput page's operation rows need it.
                if (_perTenantHistograms) tags.Add("db.operation.name", series.OperationName);
                _throttles.Add(1, tags);
            }
        }
    }

    public void Dispose() => _meter.Dispose();
}
