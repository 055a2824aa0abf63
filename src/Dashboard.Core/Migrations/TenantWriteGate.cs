namespace Dashboard.Core.Migrations;

/// <summary>
/// This instance's gate on each tenant's writes, for a cut-over. A write enters before it reaches the backend and
/// leaves once the backend answered; <see cref="CloseAsync"/> shuts the gate and waits until every write that
/// entered has left. So a write racing the close either entered first (and is on the source before the final
/// catch-up reads it) or is refused: none is acknowledged and then missed.
/// A write is also refused when the registry marks the tenant read-only (set by the instance cutting over, seen
/// here at the next poll) and when it goes through a store built for a backend the tenant has left.
/// Only gates that hold something are kept: one closed, or with writes in flight. An open gate is forgotten as
/// its last write leaves (under the same lock a close takes, so a close never races it: it finds either the gate
/// with its writes in flight, or none, and then nothing is in flight), so tenants that wrote once cost nothing.
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
        lock (_gates)
        {
            if (!_gates.TryGetValue(tenantId, out var gate)) return;
            gate.ClosedBecause = null;
            ForgetIfIdle(tenantId, gate);
        }
    }

    /// <summary>How many tenants' gates are kept (closed, or with writes in flight).</summary>
    public int Kept
    {
        get { lock (_gates) return _gates.Count; }
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
            if (--gate.InFlight > 0) return;
            gate.Drained.TrySetResult();
            ForgetIfIdle(id, gate);
        }
    }

    /// <summary>An open gate with nothing in flight holds no state: a new one is made when the tenant writes again. Caller holds the lock.</summary>
    private void ForgetIfIdle(string id, Gate gate)
    {
        if (gate.ClosedBecause is null && gate.InFlight == 0) _gates.Remove(id);
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
