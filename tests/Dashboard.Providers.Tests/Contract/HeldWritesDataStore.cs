using Dashboard.Core.Domain;
using Dashboard.Core.Stores;

namespace Dashboard.Providers.Tests.Contract;

/// <summary>
/// A real backend whose updates wait at a gate: a writer reads, is stopped just before its write reaches the
/// backend, and goes on only when the test releases it — a race between two writers, replayed in a fixed order.
/// Every other call passes straight through.
/// </summary>
internal sealed class HeldWritesDataStore(IDataStore inner) : DataStoreDecorator(inner)
{
    private readonly TaskCompletionSource<object> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the entity a writer is about to send once it reaches the gate.</summary>
    public Task<object> Arrived => _arrived.Task;

    public void Release() => _released.TrySetResult();

    private async Task HoldAsync(object entity, CancellationToken ct)
    {
        _arrived.TrySetResult(entity);
        await _released.Task.WaitAsync(ct);
    }

    public override async Task UpdateUserAsync(User user, User current, CancellationToken ct)
    {
        await HoldAsync(user, ct);
        await base.UpdateUserAsync(user, current, ct);
    }

    public override async Task UpdateOrderAsync(Order order, Order current, CancellationToken ct)
    {
        await HoldAsync(order, ct);
        await base.UpdateOrderAsync(order, current, ct);
    }
}
