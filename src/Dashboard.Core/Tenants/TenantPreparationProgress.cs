namespace Dashboard.Core.Tenants;

/// <summary>
/// How many tenants the start-up preparation (<see cref="TenantStartupService"/>) has still to prepare. A first start
/// with thousands of new tenants creates their schemas for minutes in the background; /healthz reports the count, so
/// an operator (or a benchmark) can tell a settled instance from one still preparing.
/// </summary>
public sealed class TenantPreparationProgress
{
    private int _pending;

    /// <summary>Tenants whose preparation has not finished yet (waiting for a place, running, or retrying after a failure).</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Expect(int tenants) => Interlocked.Add(ref _pending, tenants);

    /// <summary>One tenant prepared, or given up on because the app is stopping.</summary>
    public void Finished() => Interlocked.Decrement(ref _pending);
}
