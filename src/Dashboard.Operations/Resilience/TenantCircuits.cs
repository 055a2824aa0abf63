using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Dashboard.Operations.Resilience;

/// <summary>Every live tenant's circuit, made on first use and let go with its tenant's store; the throttling page shows them, /metrics counts their events.</summary>
public sealed class TenantCircuits : IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<TenantCircuit>> _byTenant = new(StringComparer.Ordinal);
    private readonly ResilienceOptions _options;
    private readonly TimeProvider _clock;
    private readonly ResilienceMetrics _metrics;

    public TenantCircuits(IOptions<ResilienceOptions> options, TimeProvider clock, IMeterFactory? meters = null)
    {
        _options = options.Value;
        _clock = clock;
        _metrics = new ResilienceMetrics(meters, () => All);
    }

    /// <param name="pingOf">Makes the tenant's ping for the prober, called once with the circuit (the first caller's is kept).</param>
    public TenantCircuit For(string tenant, string provider, Func<Func<CancellationToken, Task>> pingOf) =>
        _byTenant.GetOrAdd(tenant, t => new Lazy<TenantCircuit>(() =>
            new TenantCircuit(t, provider, pingOf(), _options, _clock, _metrics.ListenerFor(t, provider)))).Value;

    /// <summary>Forgets an evicted tenant's circuit and stops its prober; its next use starts a closed one.</summary>
    public void Release(string tenant)
    {
        if (_byTenant.TryRemove(tenant, out var gone) && gone.IsValueCreated) gone.Value.Dispose();
    }

    public int Count => _byTenant.Count;

    public IReadOnlyList<TenantCircuit> All =>
        _byTenant.Values.Where(c => c.IsValueCreated).Select(c => c.Value).OrderBy(c => c.Tenant, StringComparer.Ordinal).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var circuit in All) await circuit.DisposeAsync();
        _metrics.Dispose();
    }

    /// <summary>For a container disposed synchronously: stops the probers without waiting for them.</summary>
    public void Dispose()
    {
        foreach (var circuit in All) circuit.Dispose();
        _metrics.Dispose();
    }
}
