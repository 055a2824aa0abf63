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
    private const int MaxNewPerTick = 100;

    private readonly Lock _gate = new();
    private readonly List<Watcher> _watchers = [];
    private bool _running;

    private sealed class Watcher(WatchTarget target, string? cursor, IChangeFeedReads reads)
    {
        public WatchTarget Target { get; } = target;
        public string? Cursor { get; set; } = cursor;
        public IChangeFeedReads Reads { get; } = reads;
        public Channel<DataChange> Changes { get; } = Channel.CreateUnbounded<DataChange>(new() { SingleReader = true });

        public void Emit(VersionRow row)
        {
            Cursor = Target.IsListing ? row.Id : row.Version.ToString(CultureInfo.InvariantCulture);
            Changes.Writer.TryWrite(new DataChange(Target, row.Id, row.Version, Cursor, DateTimeOffset.UtcNow));
        }
    }

    public async IAsyncEnumerable<DataChange> WatchAsync(WatchTarget target, string? after, IChangeFeedReads reads,
        [EnumeratorCancellation] CancellationToken ct)
    {
        if (target.Kind is WatchKind.Order or WatchKind.User or WatchKind.UserOrders && string.IsNullOrEmpty(target.Id))
            throw new ArgumentException("This target needs an id.", nameof(target));
        var watcher = new Watcher(target, after, reads);
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
            if (w.Cursor is null) w.Cursor = row.Version.ToString(CultureInfo.InvariantCulture);
            else if (!long.TryParse(w.Cursor, CultureInfo.InvariantCulture, out var seen) || row.Version > seen) w.Emit(row);
        }
    }

    private async Task ListingAsync(WatchTarget listing, List<Watcher> watchers, CancellationToken ct)
    {
        if (watchers.Any(w => w.Cursor is null))
        {
            var newest = (await store.NewestAsync(listing, null, 1, ct)).FirstOrDefault();
            foreach (var w in watchers.Where(w => w.Cursor is null)) w.Cursor = newest?.Id ?? "";
        }
        var from = watchers.Select(w => w.Cursor!).Min(StringComparer.Ordinal)!;
        var rows = await store.NewestAsync(listing, from, MaxNewPerTick, ct);
        foreach (var row in rows)
        foreach (var w in watchers)
            if (string.CompareOrdinal(row.Id, w.Cursor) > 0) w.Emit(row);
    }
}
