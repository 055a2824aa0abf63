using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;

namespace Dashboard.Tests.Pages;

/// <summary>
/// A decorator around each tenant's real backend store that lets a test make reads fail on cue with a typed
/// store error, as a throttled or unreachable backend would, and slip another person's write in just before
/// the next update reaches the backend. Everything else goes to the real store.
/// </summary>
public sealed class StoreFaults : IDataStoreDecorator
{
    private readonly Lock _lock = new();
    private Exception? _error;
    private Func<Task>? _beforeNextUpdate;

    /// <summary>From now on, reads of single users and orders fail with <paramref name="error"/>.</summary>
    public void FailReads(Exception error)
    {
        lock (_lock) _error = error;
    }

    public void Clear()
    {
        lock (_lock) _error = null;
    }

    /// <summary>Runs <paramref name="action"/> once, just before the next user or order update reaches the backend.</summary>
    public void BeforeNextUpdate(Func<Task> action)
    {
        lock (_lock) _beforeNextUpdate = action;
    }

    public IDataStore Decorate(TenantDescriptor tenant, string productName, IDataStore inner) => new FaultyStore(inner, this);

    private void MaybeFail()
    {
        lock (_lock)
            if (_error is not null) throw _error;
    }

    private Task BeforeUpdateAsync()
    {
        Func<Task>? action;
        lock (_lock) (action, _beforeNextUpdate) = (_beforeNextUpdate, null);
        return action?.Invoke() ?? Task.CompletedTask;
    }

    private sealed class FaultyStore(IDataStore inner, StoreFaults faults) : DataStoreDecorator(inner)
    {
        protected override async Task<T> InvokeAsync<T>(StoreOperation operation, Func<CancellationToken, Task<T>> call, CancellationToken ct)
        {
            if (operation is StoreOperation.GetUser or StoreOperation.GetOrder) faults.MaybeFail();
            if (operation is StoreOperation.UpdateUser or StoreOperation.UpdateOrder) await faults.BeforeUpdateAsync();
            return await call(ct);
        }
    }
}
