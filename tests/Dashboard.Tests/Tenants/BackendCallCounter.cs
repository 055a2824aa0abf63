using System.Collections.Concurrent;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;

namespace Dashboard.Tests.Tenants;

/// <summary>
/// Counts each call that reaches a tenant's real store (per tenant) and the most pings in flight at once, either
/// as the outermost decorator of live stores or, through <see cref="Around"/>, inside every store a provider makes
/// (the stores built for a single health ping included). <see cref="PingPause"/> holds each ping a moment so
/// overlapping pings can be seen.
/// </summary>
public sealed class BackendCallCounter : IDataStoreDecorator
{
    private readonly ConcurrentDictionary<string, int> _byTenant = new(StringComparer.Ordinal);
    private int _total, _inFlight, _maxInFlight, _created;

    public TimeSpan PingPause { get; init; } = TimeSpan.Zero;

    public int Total => Volatile.Read(ref _total);

    /// <summary>Stores made by the <see cref="Around"/> provider.</summary>
    public int StoresCreated => Volatile.Read(ref _created);

    public int MaxPingsInFlight => Volatile.Read(ref _maxInFlight);

    public int CallsTo(string tenant) => _byTenant.GetValueOrDefault(tenant);

    public IDataStore Decorate(TenantDescriptor tenant, string productName, IDataStore inner) => new Counted(inner, tenant.Id, this);

    /// <summary>A provider named <paramref name="kind"/> making <paramref name="inner"/>'s stores, every call to them counted here.</summary>
    public IDataStoreProvider Around(IDataStoreProvider inner, string kind) => new CountingProvider(inner, kind, this);

    private sealed class CountingProvider(IDataStoreProvider inner, string kind, BackendCallCounter counter) : IDataStoreProvider
    {
        public string Kind => kind;

        public string ProductName => inner.ProductName;

        public IEnumerable<string> Validate(TenantDescriptor tenant) => inner.Validate(tenant);

        public IDataStore Create(TenantDescriptor tenant)
        {
            Interlocked.Increment(ref counter._created);
            return new Counted(inner.Create(tenant), tenant.Id, counter);
        }
    }

    private sealed class Counted(IDataStore inner, string tenant, BackendCallCounter counter) : DataStoreDecorator(inner)
    {
        protected override async Task<T> InvokeAsync<T>(StoreOperation operation, Func<CancellationToken, Task<T>> call, CancellationToken ct)
        {
            Interlocked.Increment(ref counter._total);
            counter._byTenant.AddOrUpdate(tenant, 1, (_, n) => n + 1);
            if (operation != StoreOperation.Ping) return await call(ct);
            var now = Interlocked.Increment(ref counter._inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref counter._maxInFlight)) && Interlocked.CompareExchange(ref counter._maxInFlight, now, seen) != seen) { }
            try
            {
                if (counter.PingPause > TimeSpan.Zero) await Task.Delay(counter.PingPause, ct);
                return await call(ct);
            }
            finally
            {
                Interlocked.Decrement(ref counter._inFlight);
            }
        }
    }
}
