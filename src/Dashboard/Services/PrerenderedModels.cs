using System.Collections.Concurrent;

namespace Dashboard.Services;

/// <summary>
/// Hands a page's model from its prerender to the first render of the circuit that follows, so the page is not
/// built twice within a second. The model stays here, in memory; the page persists only a ticket naming it
/// (<see cref="PrerenderTicket"/>, in its persistent component state, which the framework protects). The model
/// itself is not serialized: the state travels back in the message that starts the circuit, which SignalR caps at
/// 32 KB, and a circuit whose start message is over that never starts; a report over thousands of tenants can be.
/// A ticket is taken once, only by a render with the same scope (page, window, tenant, person and what they may
/// see), and only while the model is younger than the page's refresh period; otherwise the page builds its own.
/// Another instance (no sticky prerender) finds nothing and builds its own too.
/// </summary>
public sealed class PrerenderedModels(TimeProvider clock)
{
    /// <summary>Models held at most: prerenders never followed by a circuit (crawlers, HTTP clients) leave theirs behind.</summary>
    public const int MaxHeld = 16;

    /// <summary>Held longer than this, a model is dropped even untaken: no page refreshes less often.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Held> _held = new(StringComparer.Ordinal);

    private sealed record Held(string Scope, DateTimeOffset BuiltAt, object Model);

    public PrerenderTicket Hold(string scope, DateTimeOffset builtAt, object model)
    {
        DropOld();
        var id = Guid.NewGuid().ToString("N");
        _held[id] = new Held(scope, builtAt, model);
        return new PrerenderTicket(id, builtAt);
    }

    /// <summary>The model the ticket names, once, when its scope is <paramref name="scope"/> and it is at most <paramref name="maxAge"/> old.</summary>
    public bool TryTake<T>(PrerenderTicket ticket, string scope, TimeSpan maxAge, out T model, out DateTimeOffset builtAt) where T : class
    {
        (model, builtAt) = (null!, default);
        if (!_held.TryRemove(ticket.Id, out var held)) return false;
        var age = clock.GetUtcNow() - held.BuiltAt;
        if (!string.Equals(held.Scope, scope, StringComparison.Ordinal) || age > maxAge || age < TimeSpan.Zero || held.Model is not T taken) return false;
        (model, builtAt) = (taken, held.BuiltAt);
        return true;
    }

    /// <summary>How many models are held now (for tests of the bound).</summary>
    public int Count => _held.Count;

    private void DropOld()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, held) in _held)
            if (now - held.BuiltAt > MaxAge) _held.TryRemove(id, out _);
        // Over the bound: the oldest go first.
        foreach (var (id, _) in _held.OrderBy(h => h.Value.BuiltAt).Take(Math.Max(0, _held.Count - MaxHeld + 1)).ToList())
            _held.TryRemove(id, out _);
    }
}

/// <summary>What a prerendered page persists for its circuit: which held model is its, and when it was built.</summary>
public sealed record PrerenderTicket(string Id, DateTimeOffset BuiltAt);
