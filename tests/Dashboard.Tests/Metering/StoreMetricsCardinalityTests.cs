using System.Diagnostics.Metrics;
using Dashboard.Core.Stores;
using Dashboard.Core.Usage;
using Dashboard.Operations.Metering;
using Dashboard.Operations.Prometheus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Metering;

/// <summary>
/// The /metrics budget: the duration histogram is per provider, operation and outcome unless per-tenant histograms
/// are configured; each tenant adds counters without the operation (calls by outcome, units, throttles).
/// </summary>
public sealed class StoreMetricsCardinalityTests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, Dictionary<string, string> Tags)> _seen = [];
    // A factory of our own: its meters are told apart from other tests' meters of the same name by their scope.
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private StoreMetrics Metrics(MetricsOptions options)
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        var metrics = new StoreMetrics(factory, Options.Create(options));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory)) listener.EnableMeasurementEvents(instrument);
        };
        void Add(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var map = new Dictionary<string, string>();
            foreach (var t in tags) map[t.Key] = t.Value?.ToString() ?? "";
            lock (_seen) _seen.Add((instrument.Name, map));
        }
        _listener.SetMeasurementEventCallback<double>((i, _, tags, _) => Add(i, tags));
        _listener.SetMeasurementEventCallback<long>((i, _, tags, _) => Add(i, tags));
        _listener.Start();
        return metrics;
    }

    private void RecordTraffic(StoreMetrics metrics)
    {
        foreach (var tenant in new[] { "t1", "t2", "t3" })
        foreach (var op in new[] { StoreOperation.GetUser, StoreOperation.ListOrders, StoreOperation.LiveUpdates })
        {
            metrics.Record(Calls.Finished(Calls.Series(tenant, "DynamoDB", op), 4, units: [(UsageUnit.ReadCapacityUnits, 0.5)]));
            metrics.Record(Calls.Finished(Calls.Series(tenant, "DynamoDB", op), 40, StoreOutcome.Throttled,
                throttles: [("ProvisionedThroughputExceededException", true)]));
        }
    }

    private HashSet<string> LabelSets(string instrument) =>
        _seen.Where(s => s.Instrument == instrument)
            .Select(s => string.Join(",", s.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")))
            .ToHashSet();

    [Fact]
    public void By_default_the_histogram_has_no_tenant_and_per_tenant_counters_have_no_operation()
    {
        using var metrics = Metrics(new MetricsOptions());
        RecordTraffic(metrics);

        var histogram = _seen.Where(s => s.Instrument == "db.client.operation.duration").ToList();
        Assert.Equal(18, histogram.Count);
        Assert.All(histogram, s => Assert.DoesNotContain("dashboard.tenant", s.Tags.Keys));
        // 3 operations × 2 outcomes, whatever the number of tenants.
        Assert.Equal(6, LabelSets("db.client.operation.duration").Count);

        // Calls per tenant and outcome: 3 tenants × (ok, throttled), errors among them.
        var operations = LabelSets("dashboard.store.operations");
        Assert.Equal(6, operations.Count);
        Assert.Contains("dashboard.outcome=throttled,dashboard.provider=DynamoDB,dashboard.tenant=t2", operations);
        Assert.All(_seen.Where(s => s.Instrument is "dashboard.store.operations" or "dashboard.store.usage" or "dashboard.store.throttles"),
            s => Assert.DoesNotContain("db.operation.name", s.Tags.Keys));
        // Units per tenant, unit and whether a change feed spent them (3 tenants × live or not).
        Assert.Equal(6, LabelSets("dashboard.store.usage").Count);
        Assert.Contains(_seen, s => s.Instrument == "dashboard.store.usage" && s.Tags["dashboard.usage.live"] == "true" && s.Tags["dashboard.tenant"] == "t3");
        Assert.Equal(3, LabelSets("dashboard.store.throttles").Count);
    }

    [Fact]
    public void Per_tenant_histograms_when_configured_put_the_tenant_on_the_histogram_and_the_operation_on_throttles()
    {
        using var metrics = Metrics(new MetricsOptions { PerTenantHistograms = true });
        RecordTraffic(metrics);

        Assert.Equal(18, LabelSets("db.client.operation.duration").Count);
        Assert.All(_seen.Where(s => s.Instrument == "db.client.operation.duration"), s => Assert.Contains("dashboard.tenant", s.Tags.Keys));
        Assert.Equal(9, LabelSets("dashboard.store.throttles").Count);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
