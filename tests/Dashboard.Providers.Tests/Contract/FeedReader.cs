using System.Threading.Channels;
using Dashboard.Core.Live;

namespace Dashboard.Providers.Tests.Contract;

/// <summary>Reads a change feed in the background so a test can wait for the next change with a timeout; disposing it drops the feed.</summary>
internal sealed class FeedReader : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<DataChange> _changes = Channel.CreateUnbounded<DataChange>();
    private readonly Task _pump;

    private readonly TaskCompletionSource _positioned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FeedReader(IChangeFeed feed, WatchTarget target, string? after)
    {
        var reads = new SignalledReads(_positioned);
        _pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in feed.WatchAsync(target, after, reads, _stop.Token))
                    _changes.Writer.TryWrite(change);
                _changes.Writer.TryComplete(new InvalidOperationException("the feed ended by itself"));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                _changes.Writer.TryComplete();
            }
            catch (Exception e)
            {
                _changes.Writer.TryComplete(e);
            }
        });
    }

    /// <summary>Completes when the feed says it has its starting position (<see cref="IChangeFeedReads.Positioned"/>).</summary>
    public Task Positioned => _positioned.Task;

    private sealed class SignalledReads(TaskCompletionSource positioned) : IChangeFeedReads
    {
        public Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken ct) => read(ct);

        public void Positioned() => positioned.TrySetResult();
    }

    /// <summary>The next change, or null when none came within <paramref name="timeout"/>.</summary>
    public async Task<DataChange?> NextAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            return await _changes.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
