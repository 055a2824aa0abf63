using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Stores;

/// <summary>
/// Each tenant's backend store with its decorators (resilience, metering). Raw access with no person and no
/// audit: for the app's own work (schema, seeding, storage sizes, health), never pages.
/// </summary>
public interface ITenantBackends
{
    /// <summary>The tenant's live store, built on first use; using it keeps it live.</summary>
    IDataStore For(string tenantId);

    /// <summary>
    /// Runs the app's own one-off work (a health ping, schema creation at start) on the tenant's backend without
    /// making it live: through its live store if it has one (circuit and metering included), else through a store
    /// built for this work and let go (its connections closed) at once.
    /// </summary>
    Task<T> WithStoreAsync<T>(string tenantId, Func<IDataStore, Task<T>> work) => work(For(tenantId));

    /// <summary>Pings the tenant's backend without making it live (<see cref="WithStoreAsync"/>).</summary>
    Task PingAsync(string tenantId, CancellationToken ct) => WithStoreAsync(tenantId, async store =>
    {
        await store.PingAsync(ct);
        return true;
    });

    /// <summary>How many tenants' stores are live now.</summary>
    int LiveCount => 0;
}

/// <summary>
/// The live stores, at most <see cref="TenantResourceOptions.MaxLive"/>: a store is built on its tenant's first
/// use, and evicted when unused for <see cref="TenantResourceOptions.IdleAfter"/> or when the bound is passed
/// (least recently used first). Decorators are told (<see cref="IDataStoreDecorator.Release"/>) so circuits and
/// series go with it; the store itself is disposed after a grace period. Nothing is built at start.
/// </summary>
public sealed class TenantBackends : ITenantBackends, IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _live = new(StringComparer.Ordinal);
    private readonly TenantRegistry _registry;
    private readonly IDataStoreDecorator[] _decorators;
    private readonly TenantResourceOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly Lock _evicting = new();
    private long _lastSweep;

    public TenantBackends(TenantRegistry registry, IEnumerable<IDataStoreDecorator> decorators,
        IOptions<TenantResourceOptions>? options = null, TimeProvider? clock = null, ILogger<TenantBackends>? log = null)
    {
        _registry = registry;
        _decorators = decorators.ToArray();
        _options = options?.Value ?? new TenantResourceOptions();
        _clock = clock ?? TimeProvider.System;
        _log = log ?? (ILogger)NullLogger.Instance;
        _lastSweep = Now();
        // A tenant disabled, removed or given new settings loses its live store: the next call builds one from the new settings.
        _registry.TenantsChanged += EvictNow;
    }

    private sealed class Entry(Lazy<IDataStore> store, long now)
    {
        public Lazy<IDataStore> Store { get; } = store;
        public long LastUsed = now;
    }

    public int LiveCount => _live.Count;

    public IDataStore For(string tenantId)
    {
        var tenant = Usable(tenantId);
        var now = Now();
        var entry = _live.GetOrAdd(tenantId, _ => new Entry(new Lazy<IDataStore>(() => Build(tenant)), now));
        Volatile.Write(ref entry.LastUsed, now);
        if (_live.Count > _options.MaxLive || Since(Volatile.Read(ref _lastSweep)) > _options.IdleAfter / 4)
            Evict(keep: tenantId);
        return entry.Store.Value;
    }

    public async Task<T> WithStoreAsync<T>(string tenantId, Func<IDataStore, Task<T>> work)
    {
        var tenant = Usable(tenantId);
        if (_live.TryGetValue(tenantId, out var entry)) return await work(entry.Store.Value);
        // A tenant nobody uses is not made live by a health check or by its preparation at start: 10,000 tenants
        // prepared or pinged through live stores kept the last 1,000 built, each with its pooled connections. The
        // store is decorated like any other, so the work is metered (DynamoDB's ping costs a read unit); what the
        // decorators keep for the tenant (its circuit) is let go afterwards unless someone started using the tenant meanwhile.
        var store = Build(tenant);
        try
        {
            return await work(store);
        }
        finally
        {
            if (!_live.ContainsKey(tenantId))
                foreach (var decorator in _decorators) decorator.Release(tenantId);
            await DisposeAsync(store);
        }
    }

    private TenantDescriptor Usable(string tenantId)
    {
        var tenant = _registry.Get(tenantId);
        return tenant.Disabled ? throw new TenantDisabledException(tenantId) : tenant;
    }

    private void EvictNow(IReadOnlyCollection<string> tenantIds)
    {
        foreach (var id in tenantIds)
            if (_live.TryRemove(id, out var gone)) Retire(id, gone);
    }

    // Wall-clock ticks (not the stopwatch): the clock is the app's TimeProvider, so tests can move it.
    private long Now() => _clock.GetUtcNow().UtcTicks;

    private TimeSpan Since(long ticks) => TimeSpan.FromTicks(Now() - ticks);

    private IDataStore Build(TenantDescriptor tenant)
    {
        var provider = _registry.ProviderOf(tenant);
        var store = provider.Create(tenant);
        foreach (var decorator in _decorators) store = decorator.Decorate(tenant, provider.ProductName, store);
        return store;
    }

    /// <summary>Drops idle stores, then the least recently used ones while over the bound (never <paramref name="keep"/>).</summary>
    private void Evict(string keep)
    {
        if (!_evicting.TryEnter()) return; // another caller is at it
        try
        {
            Volatile.Write(ref _lastSweep, Now());
            var byAge = _live.Where(e => e.Key != keep)
                .Select(e => (e.Key, Idle: Since(Volatile.Read(ref e.Value.LastUsed))))
                .OrderByDescending(e => e.Idle).ToList();
            var over = _live.Count - _options.MaxLive;
            foreach (var (id, idle) in byAge)
            {
                if (idle <= _options.IdleAfter && over <= 0) break;
                if (_live.TryRemove(id, out var gone))
                {
                    over--;
                    Retire(id, gone);
                }
            }
        }
        finally
        {
            _evicting.Exit();
        }
    }

    private void Retire(string tenantId, Entry gone)
    {
        foreach (var decorator in _decorators) decorator.Release(tenantId);
        if (!gone.Store.IsValueCreated) return;
        _log.LogDebug("Tenant {Tenant}'s store evicted ({Live} live)", tenantId, _live.Count);
        var store = gone.Store.Value;
        // Calls already running on it finish first; pages never hold it (they reach the live store per call).
        _ = Task.Delay(_options.DisposeGrace, _clock).ContinueWith(_ => DisposeAsync(store), TaskScheduler.Default);
    }

    private static async Task DisposeAsync(IDataStore store)
    {
        for (IDataStore? s = store; s is not null; s = (s as IDataStoreWrapper)?.Inner)
        {
            if (s is IAsyncDisposable a) await a.DisposeAsync();
            else if (s is IDisposable d) d.Dispose();
        }
    }

    public void Dispose()
    {
        _registry.TenantsChanged -= EvictNow;
        foreach (var (_, entry) in _live)
            if (entry.Store.IsValueCreated && entry.Store.Value is var s)
                for (IDataStore? x = s; x is not null; x = (x as IDataStoreWrapper)?.Inner)
                    (x as IDisposable)?.Dispose();
        _live.Clear();
    }
}
