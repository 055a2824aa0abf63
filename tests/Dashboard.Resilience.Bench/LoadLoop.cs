using System.Diagnostics;
using Dashboard.Core.Errors;
using Dashboard.Core.Stores;

namespace Dashboard.Resilience.Bench;

/// <summary>Callers reading one user in a loop, as people on a page would; notes when a call first ended "unavailable".</summary>
public sealed class LoadLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _callers;
    private long _succeeded, _unavailable, _firstUnavailable;

    public LoadLoop(IDataStore store, string userId, int callers) =>
        _callers = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await store.GetUserAsync(userId, _stop.Token);
                    Interlocked.Increment(ref _succeeded);
                }
                catch (BackendUnavailableException)
                {
                    Interlocked.Increment(ref _unavailable);
                    Interlocked.CompareExchange(ref _firstUnavailable, Stopwatch.GetTimestamp(), 0);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                }
                await Task.Delay(10);
            }
        })).ToArray();

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long Unavailable => Interlocked.Read(ref _unavailable);

    /// <summary>Stopwatch timestamp of the first "unavailable", or null.</summary>
    public long? FirstUnavailable => Interlocked.Read(ref _firstUnavailable) is var t && t != 0 ? t : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_callers);
        _stop.Dispose();
    }
}
