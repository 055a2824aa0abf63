using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Dashboard.Core.Live;

namespace Dashboard.Providers.Sql.Live;

/// <summary>
/// One timer per store that polls for every watcher at once: each tick reads the versions of all watched orders
/// in one statement, of all watched users in another, and each watched listing's ids above the lowest position
/// any of its watchers has reached. The loop runs only while someone watches. A failed tick ends every watch with
/// the error; watchers come back with their cursor (an entity's version, a listing's newest id), so nothing is lost.
/// </summary>
internal sealed class SqlChangePoller(SqlDataStore store, TimeSpan interval)
{
    private const int MaxNewPerTick = 500;

    /// <summary>
    /// How far below the newest id a listing keeps looking: ids are ULIDs drawn by each writer before its commit,
    /// so an id can commit after a larger one (another instance, the same millisecond, a slower transaction).
    /// Ids seen within this window are remembered (and carried in the cursor), so none is reported twice.
    /// </summary>
    private static readonly TimeSpan Lookback = TimeSpan.FromSeconds(3);

    private readonly Lock _gate = new();
    private readonly List<Watcher> _watchers = [];
    private bool _running;

    private sealed class Watcher(WatchTarget target, string? cursor, IChangeFeedReads reads)
    {
        public WatchTarget Target { get; } = target;
        public string? Cursor { get; set; } = cursor;
        public IChangeFeedReads Reads { get; } = reads;
        public Channel<DataChange> Changes { get; } = Channel.CreateUnbounded<DataChange>(new() { SingleReader = true });

        /// <summary>A listing's ids seen within <see cref="Lookback"/> of the newest; the cursor lists them.</summary>
        public SortedSet<string> Recent { get; } = new(StringComparer.Ordinal);

        public void Emit(VersionRow row)
        {
            if (Target.IsListing) Remember(row.Id);
            else Cursor = row.Version.ToString(CultureInfo.InvariantCulture);
            Changes.Writer.TryWrite(new DataChange(Target, row.Id, row.Version, Cursor!, DateTimeOffset.UtcNow));
        }

        public void Remember(string id)
        {
            Recent.Add(id);
            var newest = Recent.Max!;
            var floor = Floor(newest);
            Recent.RemoveWhere(r => string.CompareOrdinal(r, floor) < 0 && r != newest);
            Cursor = string.Join(',', Recent);
        }

        /// <summary>Ids above this may still be new to this watcher.</summary>
        public string Floor() => Recent.Count == 0 ? "" : Floor(Recent.Max!);

        private static string Floor(string newest) =>
            Core.Domain.UlidGenerator.IsValid(newest)
                ? Core.Domain.UlidBounds.AtOrAfter(Core.Domain.UlidBounds.TimeOf(newest) - Lookback)
                : newest;
    }

    public async IAsyncEnumerable<DataChange> WatchAsync(WatchTarget target, string? after, IChangeFeedReads reads,
        [EnumeratorCancellation] CancellationToken ct)
    {
        if (target.Kind is WatchKind.Order or WatchKind.User or WatchKind.UserOrders && string.IsNullOrEmpty(target.Id))
            throw new ArgumentException("This target needs an id.", nameof(target));
        if (target.IsTenantWide)
            throw new ArgumentException("SQL backends have no tenant-wide write feed (see SqlDataStore.Follows).", nameof(target));
        var watcher = new Watcher(target, after, reads);
        if (target.IsListing && !string.IsNullOrEmpty(after))
            foreach (var id in after.Split(',', StringSplitOptions.RemoveEmptyEntries)) watcher.Recent.Add(id);
        if (after is not null) reads.Positioned(); // the cursor is the position; from now, its first poll is the start
        Add(watcher);
        try
        {
            await foreach (var change in watcher.Changes.Reader.ReadAllAsync(ct)) yield return change;
        }
        finally
        {
            lock (_gate) _watchers.Remove(watcher);
        }
    }

    private void Add(Watcher watcher)
    {
        lock (_gate)
        {
            _watchers.Add(watcher);
            if (_running) return;
            _running = true;
        }
        _ = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            Watcher[] watchers;
            lock (_gate)
            {
                if (_watchers.Count == 0)
                {
                    _running = false;
                    return;
                }
                watchers = _watchers.ToArray();
            }
            try
            {
                using var tick = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await watchers[0].Reads.ReadAsync(t => PollAsync(watchers, t), tick.Token);
            }
            catch (Exception e)
            {
                lock (_gate) foreach (var w in watchers) _watchers.Remove(w);
                foreach (var w in watchers) w.Changes.Writer.TryComplete(e);
            }
        } while (await timer.WaitForNextTickAsync());
    }

    private async Task<bool> PollAsync(Watcher[] watchers, CancellationToken ct)
    {
        await EntitiesAsync(watchers.Where(w => w.Target.Kind == WatchKind.Order).ToList(), store.OrderVersionsAsync, ct);
        await EntitiesAsync(watchers.Where(w => w.Target.Kind == WatchKind.User).ToList(), store.UserVersionsAsync, ct);
        foreach (var listing in watchers.Where(w => w.Target.IsListing).GroupBy(w => w.Target))
            await ListingAsync(listing.Key, listing.ToList(), ct);
        return true;
    }

    private static async Task EntitiesAsync(List<Watcher> watchers, Func<IReadOnlyCollection<string>, CancellationToken, Task<List<VersionRow>>> read,
        CancellationToken ct)
    {
        if (watchers.Count == 0) return;
        var ids = watchers.Select(w => w.Target.Id!).Distinct().ToList();
        var versions = (await read(ids, ct)).ToDictionary(r => r.Id, r => r);
        foreach (var w in watchers)
        {
            if (!versions.TryGetValue(w.Target.Id!, out var row)) continue;
            if (w.Cursor is null)
            {
                w.Cursor = row.Version.ToString(CultureInfo.InvariantCulture);
                w.Reads.Positioned();
            }
            else if (!long.TryParse(w.Cursor, CultureInfo.InvariantCulture, out var seen) || row.Version > seen) w.Emit(row);
        }
    }

    private async Task ListingAsync(WatchTarget listing, List<Watcher> watchers, CancellationToken ct)
    {
        var starting = watchers.Where(w => w.Cursor is null).ToList();
        if (starting.Count > 0)
        {
            // From now: everything already within the window of the newest id counts as seen.
            var newest = (await store.NewestAsync(listing, null, 1, ct)).FirstOrDefault();
            var present = new List<VersionRow>();
            if (newest is not null)
            {
                var probe = new Watcher(listing, null, watchers[0].Reads);
                probe.Remember(newest.Id);
                present = await store.NewestAsync(listing, probe.Floor(), MaxNewPerTick, ct);
            }
            foreach (var w in starting)
            {
                foreach (var row in present) w.Recent.Add(row.Id);
                if (newest is not null) w.Remember(newest.Id);
                else w.Cursor = "";
                w.Reads.Positioned();
            }
        }
        var from = watchers.Select(w => w.Floor()).Min(StringComparer.Ordinal)!;
        var rows = await store.NewestAsync(listing, from, MaxNewPerTick, ct);
        foreach (var row in rows)
        foreach (var w in watchers)
            if (!w.Recent.Contains(row.Id) && string.CompareOrdinal(row.Id, w.Floor()) > 0) w.Emit(row);
    }
}
