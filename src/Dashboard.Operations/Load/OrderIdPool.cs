namespace Dashboard.Operations.Load;

/// <summary>
/// The order ids a run has seen lately (from its own order lists and new orders), to pick targets from. A
/// fixed ring: picking is O(1) however long the run, and recent orders (the ones a support agent opens) win.
/// </summary>
internal sealed class OrderIdPool(int capacity = 256)
{
    private readonly string[] _ids = new string[capacity];
    private readonly Lock _gate = new();
    private int _count;
    private int _next;

    public void Add(string id)
    {
        lock (_gate)
        {
            _ids[_next] = id;
            _next = (_next + 1) % _ids.Length;
            _count = Math.Min(_count + 1, _ids.Length);
        }
    }

    public string? Pick()
    {
        lock (_gate) return _count == 0 ? null : _ids[Random.Shared.Next(_count)];
    }
}
