namespace Dashboard.Operations.Live;

/// <summary>
/// One shared change feed per tenant and target per instance, whatever the number of open pages: circuits
/// subscribe when a page opens and dispose their subscription when it closes (Blazor disposes components when a
/// circuit dies, so nothing outlives it). The last subscriber leaving stops the feed. A failed feed is reopened
/// from its last cursor with backoff while subscribers hear "paused"; a cursor the backend no longer accepts
/// restarts the feed from now. Entity changes are attributed from the audit log before they are handed out.
/// A page that says which version it loaded misses no change made after its load: a new feed, once positioned,
/// reads the entity's version once (<see cref="IChangeFeedReads.Positioned"/>), and a page joining a running feed
/// is handed the newest change that feed has seen.
/// </summary>
public sealed class ChangeHub(ITenantBackends backends, ChangeAttribution attribution, ILogger<ChangeHub> log) : IAsyncDisposable
{
    private static readonly TimeSpan LiveAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly ITenantBackends _backends = backends;
    private readonly ChangeAttribution _attribution = attribution;
    private readonly ILogger _log = log;
    private readonly Dictionary<(string Tenant, WatchTarget Target), Feed> _feeds = [];

    /// <summary>How many feeds run on this instance (one per tenant and target watched by anyone).</summary>
    public int OpenFeeds
    {
        get { lock (_gate) return _feeds.Count; }
    }

    /// <summary>How many of those feeds have taken their starting position: from then on they miss no change.</summary>
    public int PositionedFeeds
    {
        get { lock (_gate) return _feeds.Values.Count(f => f.IsPositioned); }
    }

    /// <summary>
    /// Follows <paramref name="target"/> of <paramref name="tenant"/>: <paramref name="onChange"/> gets each change,
    /// <paramref name="onState"/> the feed's state at once and whenever it moves. Handlers run on the feed's thread
    /// and must not block; an exception from one is logged and ignored. Dispose the result to stop listening.
    /// With <paramref name="loadedVersion"/> (an entity target: the version the page shows) the listener hears only
    /// newer versions, including one committed between the page's load and this call.
    /// </summary>
    public IDisposable Subscribe(string tenant, WatchTarget target, Action<DataChange> onChange, Action<LiveState> onState,
        long? loadedVersion = null)
    {
        var listener = new Listener(onChange, onState, target.IsListing ? null : loadedVersion);
        Feed feed;
        DataChange? latest;
        lock (_gate)
        {
            if (!_feeds.TryGetValue((tenant, target), out feed!))
            {
                feed = new Feed(this, tenant, target);
                _feeds[(tenant, target)] = feed;
                feed.Start();
            }
            feed.Listeners.Add(listener);
            latest = feed.Latest;
        }
        listener.State(feed.State, _log);
        if (latest is not null) listener.Change(latest, _log); // ignored unless newer than what the page loaded
        return new Subscription(this, feed, listener);
    }

    private void Leave(Feed feed, Listener listener)
    {
        lock (_gate)
        {
            if (!feed.Listeners.Remove(listener) || feed.Listeners.Count > 0) return;
            _feeds.Remove((feed.Tenant, feed.Target));
        }
        feed.Stop();
    }

    public async ValueTask DisposeAsync()
    {
        Feed[] feeds;
        lock (_gate)
        {
            feeds = _feeds.Values.ToArray();
            _feeds.Clear();
        }
        foreach (var feed in feeds) feed.Stop();
        await Task.WhenAll(feeds.Select(f => f.Running));
    }

    private sealed class Listener(Action<DataChange> onChange, Action<LiveState> onState, long? known)
    {
        private readonly Lock _gate = new();
        /// <summary>The newest version this listener has (null: it did not say, and hears every change).</summary>
        private long? _known = known;

        public void Change(DataChange change, ILogger log)
        {
            lock (_gate)
            {
                if (_known is { } k)
                {
                    if (change.Version <= k) return;
                    _known = change.Version;
                }
            }
            try { onChange(change); }
            catch (Exception e) { log.LogWarning(e, "A live-update handler failed"); }
        }

        public void State(LiveState state, ILogger log)
        {
            try { onState(state); }
            catch (Exception e) { log.LogWarning(e, "A live-update handler failed"); }
        }
    }

    private sealed class Subscription(ChangeHub hub, Feed feed, Listener listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) hub.Leave(feed, listener);
        }
    }

    private sealed class Feed(ChangeHub hub, string tenant, WatchTarget target)
    {
        private readonly CancellationTokenSource _stop = new();

        public string Tenant => tenant;
        public WatchTarget Target => target;
        public List<Listener> Listeners { get; } = [];
        public LiveState State { get; private set; } = LiveState.Live;

        /// <summary>An entity target's newest change handed out (guarded by the hub's lock), for pages joining later.</summary>
        public DataChange? Latest { get; private set; }
        public Task Running { get; private set; } = Task.CompletedTask;

        private volatile bool _positioned;

        /// <summary>The feed's current watch has its starting position (<see cref="IChangeFeedReads.Positioned"/>).</summary>
        public bool IsPositioned => _positioned;

        /// <summary>
        /// Runs the feed outside the execution context of the page that subscribed first: the feed outlives that page,
        /// its reads are metered as live updates, not as the page's action (<c>ActionUsage.Current</c>), and it must
        /// not keep that circuit's ambient state alive.
        /// </summary>
        public void Start()
        {
            using (ExecutionContext.SuppressFlow()) Running = Task.Run(() => RunAsync(_stop.Token));
        }

        public void Stop()
        {
            try { _stop.Cancel(); }
            catch (ObjectDisposedException) { }
        }

        private Listener[] Snapshot()
        {
            lock (hub._gate) return Listeners.ToArray();
        }

        private void Publish(DataChange change)
        {
            Listener[] listeners;
            lock (hub._gate)
            {
                if (!target.IsListing && (Latest is null || change.Version > Latest.Version)) Latest = change;
                listeners = Listeners.ToArray();
            }
            foreach (var l in listeners) l.Change(change, hub._log);
        }

        private void SetState(LiveState state)
        {
            if (State == state) return;
            State = state;
            foreach (var l in Snapshot()) l.State(state, hub._log);
        }

        private async Task RunAsync(CancellationToken ct)
        {
            var store = hub._backends.For(tenant);
            var feed = DataStoreCapabilities.Find<IChangeFeed>(store);
            if (feed is null)
            {
                SetState(new LiveState(LiveStatus.Unsupported, "this tenant's backend has no change feed"));
                return;
            }
            var metered = DataStoreCapabilities.Find<IChangeFeedReads>(store) ?? UnmeteredReads.Instance;
            string? cursor = null;
            var reads = new PositionedReads(metered, () =>
            {
                _positioned = true;
                // Read like the feed's own reads: from the provider's store inside the metered live-updates call.
                if (cursor is null && !target.IsListing) _ = CatchUpAsync(feed as IDataStore ?? store, metered, ct);
            });
            var failures = 0;
            while (!ct.IsCancellationRequested)
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                if (cursor is null) _positioned = false; // starting again from now: positioned once the feed says so
                // A feed that has run a moment without failing is live again (feeds say nothing while idle).
                _ = Task.Delay(LiveAfter, attempt.Token).ContinueWith(t =>
                {
                    if (!t.IsCanceled) SetState(LiveState.Live);
                }, TaskScheduler.Default);
                try
                {
                    await foreach (var change in feed.WatchAsync(target, cursor, reads, attempt.Token))
                    {
                        cursor = change.Cursor;
                        failures = 0;
                        SetState(LiveState.Live);
                        Publish(target.IsListing ? change : await Attribute(change, settled: false, ct));
                    }
                    throw new InvalidOperationException("the change feed ended");
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    await attempt.CancelAsync();
                    if (e is ArgumentException) cursor = null; // a cursor the feed no longer takes: start again from now
                    failures++;
                    hub._log.LogWarning(e, "Live updates for {Tenant} {Target} paused", tenant, target);
                    SetState(new LiveState(LiveStatus.Paused, Reason(e)));
                    try
                    {
                        await Task.Delay(Backoff(failures), ct);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }

        /// <summary>
        /// A feed started from now missed what was committed before it took its position, perhaps after a page
        /// loaded: the entity's version is read once then (metered as live updates) and handed out as a change;
        /// listeners that loaded it already ignore it.
        /// </summary>
        private async Task CatchUpAsync(IDataStore store, IChangeFeedReads reads, CancellationToken ct)
        {
            try
            {
                var id = target.Id!;
                var version = await reads.ReadAsync(async t => target.Kind == WatchKind.Order
                    ? (await store.GetOrderAsync(id, t))?.Version
                    : (await store.GetUserAsync(id, t))?.Version, ct);
                if (version is not { } v) return;
                lock (hub._gate)
                    if (Latest is { } latest && latest.Version >= v) return;
                Publish(await Attribute(new DataChange(target, id, v, ""), settled: true, ct));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                hub._log.LogWarning(e, "Could not check {Tenant} {Target} for a change made before its feed started", tenant, target);
            }
        }

        private async Task<DataChange> Attribute(DataChange change, bool settled, CancellationToken ct)
        {
            try
            {
                return await hub._attribution.AttributeAsync(tenant, change, ct, settled);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                hub._log.LogWarning(e, "Could not read the audit log to attribute a change");
                return change;
            }
        }

        private static TimeSpan Backoff(int failures) =>
            TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(failures - 1, 8))));

        private static string Reason(Exception e) => e switch
        {
            StoreException s => s.Message,
            _ => "the change feed failed",
        };
    }

    /// <summary>The feed's metered reads, and its "positioned" signal to the hub.</summary>
    private sealed class PositionedReads(IChangeFeedReads inner, Action positioned) : IChangeFeedReads
    {
        public Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken ct) => inner.ReadAsync(read, ct);

        public void Positioned() => positioned();
    }
}
