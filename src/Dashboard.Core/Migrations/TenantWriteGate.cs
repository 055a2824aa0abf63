namespace Dashboard.Core.Migrations;

/// <summary>
/// This instance's gate on each tenant's writes, for a cut-over. A write enters before it reaches the backend and
/// leaves once the backend answered; <see cref="CloseAsync"/> shuts the gate and waits until every write that
/// entered has left. So a write racing the close either entered first (and is on the source before the final
/// catch-up reads it) or is refused: none is acknowledged and then missed.
/// A write is also refused when the registry marks the tenant read-only (set by the instance cutting over, seen
/// here at the next poll) and when it goes through a store built for a backend the tenant has left.
/// </summary>
public sealed class TenantWriteGate(TenantRegistry registry)
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    private sealed class Gate
    {
        public string? ClosedBecause;
        public int InFlight;
        public TaskCompletionSource Drained = Done();
    }

    /// <summary>Lets one write through the store built for <paramref name="builtFor"/>; dispose the answer when the backend answered.</summary>
    /// <exception cref="TenantReadOnlyException">The gate is closed, the tenant is read-only, or it moved to another backend.</exception>
    public IDisposable Enter(TenantDescriptor builtFor)
    {
        var id = builtFor.Id;
        var now = registry.Find(id);
        lock (_gates)
        {
            var gate = GateOf(id);
            if (gate.ClosedBecause is { } closed) throw new TenantReadOnlyException(id, closed);
            if (now?.ReadOnlyReason is { } reason) throw new TenantReadOnlyException(id, reason);
            if (now is not null && now.ReachedDifferentlyThan(builtFor))
                throw new TenantReadOnlyException(id, "now on another backend (the page was opened before it moved)");
            if (gate.InFlight++ == 0) gate.Drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return new Ticket(this, id);
        }
    }

    /// <summary>Refuses new writes of the tenant on this instance and waits until the writes already in flight are done.</summary>
    public async Task CloseAsync(string tenantId, string reason, CancellationToken ct)
    {
        Task drained;
        lock (_gates)
        {
            var gate = GateOf(tenantId);
            gate.ClosedBecause = reason;
            drained = gate.InFlight == 0 ? Task.CompletedTask : gate.Drained.Task;
        }
        await drained.WaitAsync(ct);
    }

    public void Open(string tenantId)
    {
        lock (_gates) GateOf(tenantId).ClosedBecause = null;
    }

    public string? ClosedBecause(string tenantId)
    {
        lock (_gates) return _gates.TryGetValue(tenantId, out var gate) ? gate.ClosedBecause : null;
    }

    private Gate GateOf(string id)
    {
        if (!_gates.TryGetValue(id, out var gate)) _gates[id] = gate = new Gate();
        return gate;
    }

    private void Leave(string id)
    {
        lock (_gates)
        {
            var gate = _gates[id];
            if (--gate.InFlight == 0) gate.Drained.TrySetResult();
        }
    }

    private static TaskCompletionSource Done()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private sealed class Ticket(TenantWriteGate gates, string id) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) gates.Leave(id);
        }
    }
}
