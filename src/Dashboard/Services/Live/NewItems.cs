using Dashboard.Operations.Live;

namespace Dashboard.Services.Live;

/// <summary>
/// A list page's count of entities that joined its listing since it was loaded, for the "3 new orders — show" bar:
/// rows never move under the person's cursor; they choose when to see the newest first page. Follows the
/// listing of one tenant at a time; dispose it with the page.
/// </summary>
public sealed class NewItems(ChangeHub hub, Func<Func<Task>, Task> dispatch, Action changed, ILogger log) : IDisposable
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private LiveWatch? _watch;
    private (string Tenant, WatchTarget Target)? _following;

    public int Count => _ids.Count;

    public LiveState? State { get; private set; }

    /// <summary>Follows <paramref name="target"/> of <paramref name="tenant"/> (a no-op when already following it).</summary>
    public void Follow(string tenant, WatchTarget target)
    {
        if (_following == (tenant, target)) return;
        _following = (tenant, target);
        _ids.Clear();
        _watch?.Dispose();
        _watch = new LiveWatch(hub, tenant, target, dispatch, change =>
        {
            if (_ids.Add(change.EntityId)) changed();
            return Task.CompletedTask;
        }, state =>
        {
            State = state;
            changed();
        }, log);
    }

    /// <summary>The page shows its newest rows again: nothing is new any more.</summary>
    public void Seen() => _ids.Clear();

    public void Dispose() => _watch?.Dispose();
}
