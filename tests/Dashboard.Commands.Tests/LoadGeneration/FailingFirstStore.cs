using Dashboard.Core.Stores;

namespace Dashboard.Commands.Tests.LoadGeneration;

/// <summary>
/// A fault injected around a real store: the first <see cref="Failures"/> calls (any operation) throw what
/// <see cref="Fault"/> makes, as a throttling or unreachable backend would; the rest reach the real store.
/// </summary>
public sealed class FailingFirstStore(IDataStore inner, int failures, Func<Exception> fault) : DataStoreDecorator(inner)
{
    private int _calls;

    public int Failures => failures;
    public Func<Exception> Fault => fault;

    /// <summary>Every call made, failed or not.</summary>
    public int Calls => Volatile.Read(ref _calls);

    protected override Task<T> InvokeAsync<T>(StoreOperation operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        StoreOperations.IsMaintenance(operation) ? call(ct)
        : Interlocked.Increment(ref _calls) <= failures ? Task.FromException<T>(fault()) : call(ct);
}
