using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Resilience;

/// <summary>Every tenant's circuit, made on first use; the throttling page shows their states.</summary>
public sealed class CircuitBreakers(IOptions<ResilienceOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, CircuitBreaker> _byTenant = new(StringComparer.Ordinal);

    public CircuitBreaker For(string tenant, string provider) =>
        _byTenant.GetOrAdd(tenant, t => new CircuitBreaker(t, provider, options.Value, clock));

    public IReadOnlyList<CircuitBreaker> All => _byTenant.Values.OrderBy(b => b.Tenant, StringComparer.Ordinal).ToList();
}
