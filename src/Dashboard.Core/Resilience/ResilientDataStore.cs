using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Metering;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;

namespace Dashboard.Core.Resilience;

/// <summary>
/// One tenant's store behind three simple guards:
/// <list type="number">
/// <item>its circuit (<see cref="CircuitBreaker"/>): while open, calls fail at once as "unavailable";</item>
/// <item>a timeout per attempt: a backend that does not answer fails the call after
/// <see cref="ResilienceOptions.Timeout"/> even if its driver ignores cancellation, so callers never pile up;</item>
/// <item>retry with jittered backoff when the store answers "throttled" (it refused the work, so repeating
/// it is safe; versioned writes stay conditional).</item>
/// </list>
/// Each throttled attempt is left in the metering scope as one event marked retried or surfaced: a provider's
/// own event is re-marked, and one is added for providers that report none (the SQLite sandbox).
/// Schema and bulk loads pass straight through: they are long by nature and run off the request path.
/// </summary>
public sealed class ResilientDataStore(
    IDataStore inner, string tenant, string provider, ResilienceOptions options, CircuitBreaker breaker, TimeProvider clock) : IDataStore, Costs.IDataStoreWrapper
{
    public IDataStore Inner => inner;

    public Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct) =>
        Run(t => inner.ListUsersAsync(query, page, t), ct);

    public Task<User?> GetUserAsync(string id, CancellationToken ct) => Run(t => inner.GetUserAsync(id, t), ct);

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct) => Run(t => inner.FindUserByEmailAsync(email, t), ct);

    public Task InsertUserAsync(User user, CancellationToken ct) => Run(t => inner.InsertUserAsync(user, t), ct);

    public Task UpdateUserAsync(User user, long expectedVersion, CancellationToken ct) =>
        Run(t => inner.UpdateUserAsync(user, expectedVersion, t), ct);

    public Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct) =>
        Run(t => inner.ListOrdersAsync(userId, page, t), ct);

    public Task<Order?> GetOrderAsync(string id, CancellationToken ct) => Run(t => inner.GetOrderAsync(id, t), ct);

    public Task InsertOrderAsync(Order order, CancellationToken ct) => Run(t => inner.InsertOrderAsync(order, t), ct);

    public Task UpdateOrderAsync(Order order, long expectedVersion, CancellationToken ct) =>
        Run(t => inner.UpdateOrderAsync(order, expectedVersion, t), ct);

    public Task PingAsync(CancellationToken ct) => Run(t => inner.PingAsync(t), ct);

    public Task EnsureSchemaAsync(CancellationToken ct) => inner.EnsureSchemaAsync(ct);

    public Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct) =>
        inner.BulkLoadAsync(users, orders, ct);

    private Task Run(Func<CancellationToken, Task> call, CancellationToken ct) => Run(async t =>
    {
        await call(t);
        return true;
    }, ct);

    private async Task<T> Run<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!breaker.TryEnter())
                throw new BackendUnavailableException(tenant, provider,
                    $"circuit open after repeated failures; next trial at {breaker.RetryAfter:HH:mm:ss} UTC");
            var usage = UsageScope.Current;
            var throttlesBefore = usage?.ThrottleCount ?? 0;
            try
            {
                var result = await WithTimeout(call, ct);
                breaker.Answered();
                return result;
            }
            catch (ThrottledException e)
            {
                breaker.Answered();
                var retry = attempt < options.MaxAttempts;
                if (usage is not null && !usage.MarkLastThrottle(throttlesBefore, retry)) usage.RecordThrottle(e.Cause, retry);
                if (!retry) throw;
                await Task.Delay(Backoff.Delay(attempt, options.BaseDelay, options.MaxDelay), clock, ct);
            }
            catch (BackendUnavailableException)
            {
                breaker.Failed();
                throw;
            }
            catch (StoreException)
            {
                breaker.Answered();
                throw;
            }
            catch
            {
                breaker.Abandoned();
                throw;
            }
        }
    }

    private async Task<T> WithTimeout<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        try
        {
            // WaitAsync returns at the deadline even if the driver ignores the token.
            return await call(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new BackendUnavailableException(tenant, provider, $"no answer within {options.Timeout.TotalSeconds:0.#} s", e);
        }
    }
}
