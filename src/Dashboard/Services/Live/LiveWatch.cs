using Dashboard.Operations.Live;

namespace Dashboard.Services.Live;

/// <summary>
/// A page's subscription to one target through the shared <see cref="ChangeHub"/>: changes and the feed's state
/// are handed to the page on its own render context (<paramref name="dispatch"/>, the component's InvokeAsync), so
/// the page handles them like any event. A handler that throws or a page already gone is ignored; the page keeps
/// working. Dispose it with the page.
/// </summary>
public sealed class LiveWatch : IDisposable
{
    private readonly IDisposable _subscription;
    private readonly Func<Func<Task>, Task> _dispatch;
    private readonly ILogger _log;
    private volatile bool _disposed;

    /// <param name="loadedVersion">An entity page's loaded version: a change committed since its load is not missed.</param>
    public LiveWatch(ChangeHub hub, string tenant, WatchTarget target, Func<Func<Task>, Task> dispatch,
        Func<DataChange, Task> onChange, Action<LiveState> onState, ILogger log, long? loadedVersion = null)
    {
        _dispatch = dispatch;
        _log = log;
        State = LiveState.Live;
        _subscription = hub.Subscribe(tenant, target,
            change => Post(() => onChange(change)),
            state => Post(() =>
            {
                State = state;
                onState(state);
                return Task.CompletedTask;
            }), loadedVersion);
    }

    /// <summary>The feed's state as last told to the page.</summary>
    public LiveState State { get; private set; }

    private void Post(Func<Task> work)
    {
        if (_disposed) return;
        _ = RunAsync(work);
    }

    private async Task RunAsync(Func<Task> work)
    {
        try
        {
            await _dispatch(async () =>
            {
                if (!_disposed) await work();
            });
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException && _disposed)
        {
        }
        catch (Exception e)
        {
            _log.LogWarning(e, "A live update could not be shown");
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription.Dispose();
    }
}
