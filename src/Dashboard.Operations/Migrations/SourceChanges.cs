using Dashboard.Core.Live;

namespace Dashboard.Operations.Migrations;

/// <summary>
/// The source's change feed, followed from before the copy starts to the end of catch-up: every user and order
/// written on the source meanwhile is noted by id, so catch-up re-reads those alone instead of scanning both sides.
/// Once the feed cannot vouch for every change any more (it broke before reporting a cursor to resume from, or
/// its cursor was refused or expired), it is <see cref="Lost"/> and catch-up goes back to the version scan.
/// </summary>
internal sealed class SourceChanges : IAsyncDisposable
{
    private const int RetriesFromCursor = 3;

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private HashSet<string> _users = new(StringComparer.Ordinal);
    private HashSet<string> _orders = new(StringComparer.Ordinal);
    private readonly List<Task> _watches = [];
    private string? _lost;

    private SourceChanges()
    {
    }

    /// <summary>Why the feed no longer vouches for every change (null while it does).</summary>
    public string? Lost
    {
        get { lock (_gate) return _lost; }
    }

    /// <summary>
    /// The feed positioned on both the users and the orders (every write from now on will be reported), or null and
    /// the reason catch-up must scan: the backend has no tenant-wide feed, or it could not take its position in time.
    /// </summary>
    public static async Task<(SourceChanges? Changes, string? WhyNot)> StartAsync(IDataStore source, TimeSpan positionWithin, CancellationToken ct)
    {
        var feed = DataStoreCapabilities.Find<IChangeFeed>(source);
        if (feed is null || !feed.Follows(WatchKind.UserWrites) || !feed.Follows(WatchKind.OrderWrites))
            return (null, "the source's backend has no change feed of every write");
        // The feed's reads are metered as the tenant's live updates, like a page's.
        var reads = DataStoreCapabilities.Find<IChangeFeedReads>(source) ?? UnmeteredReads.Instance;
        var changes = new SourceChanges();
        var positioned = new[] { changes.Follow(feed, WatchTarget.AllUserWrites, reads), changes.Follow(feed, WatchTarget.AllOrderWrites, reads) };
        try
        {
            await Task.WhenAll(positioned).WaitAsync(positionWithin, ct);
            return (changes, null);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await changes.DisposeAsync();
            return (null, e is TimeoutException
                ? $"the source's change feed took no position within {positionWithin.TotalSeconds:0} s"
                : $"the source's change feed could not start: {e.Message}");
        }
        catch
        {
            await changes.DisposeAsync();
            throw;
        }
    }

    /// <summary>The ids reported since the last call (users, orders), forgotten here: a pass applies them.</summary>
    public (IReadOnlyCollection<string> Users, IReadOnlyCollection<string> Orders) Take()
    {
        lock (_gate)
        {
            var taken = (_users, _orders);
            _users = new HashSet<string>(StringComparer.Ordinal);
            _orders = new HashSet<string>(StringComparer.Ordinal);
            return taken;
        }
    }

    /// <summary>Starts following <paramref name="target"/>; the task completes once the feed has its position.</summary>
    private Task Follow(IChangeFeed feed, WatchTarget target, IChangeFeedReads metered)
    {
        var positioned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = new PositionReads(metered, () => positioned.TrySetResult());
        _watches.Add(Task.Run(() => WatchAsync(feed, target, reads, positioned, _stop.Token)));
        return positioned.Task;
    }

    private async Task WatchAsync(IChangeFeed feed, WatchTarget target, IChangeFeedReads reads, TaskCompletionSource positioned, CancellationToken ct)
    {
        string? cursor = null;
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in feed.WatchAsync(target, cursor, reads, ct))
                {
                    lock (_gate) (target.IsAboutOrders ? _orders : _users).Add(change.EntityId);
                    cursor = change.Cursor;
                    failures = 0;
                }
                throw new InvalidOperationException("the change feed ended");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Watching again from now would miss what was written meanwhile: only a cursor the feed still takes resumes it.
                if (cursor is null || e is ArgumentException || ++failures > RetriesFromCursor || !positioned.Task.IsCompleted)
                {
                    lock (_gate) _lost ??= $"the change feed of {(target.IsAboutOrders ? "orders" : "users")} was lost: {e.Message}";
                    positioned.TrySetException(e);
                    return;
                }
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250 << failures), ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watches).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    /// <summary>The feed's metered reads, and its "positioned" signal.</summary>
    private sealed class PositionReads(IChangeFeedReads inner, Action positioned) : IChangeFeedReads
    {
        public Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken ct) => inner.ReadAsync(read, ct);

        public void Positioned() => positioned();
    }
}
