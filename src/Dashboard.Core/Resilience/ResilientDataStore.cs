using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Metering;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Dashboard.Core.Resilience;

/// <summary>
/// One tenant's store behind its <see cref="TenantCircuit"/>'s pipeline (retry on throttling, circuit breaker,
/// timeout per attempt). Callers still see only the typed errors: an open circuit or a timeout is a
/// <see cref="BackendUnavailableException"/>, saying why and when to try again.
/// <para>
/// Health checks and the breaker: a ping through a closed circuit goes to the backend like any call (with the
/// shorter probe timeout) and its failure counts toward opening the circuit. A ping while the circuit is open
/// or half-open does not touch the backend and does not use up Polly's trial call: it answers at once from the
/// breaker's state and the prober's last ping. So /healthz and the tenants page are never held up by a dead
/// backend, never keep its circuit open, and show it healthy as soon as the prober has closed the circuit.
/// </para>
/// Schema and bulk loads pass straight through: they are long by nature and run off the request path.
/// </summary>
public sealed class ResilientDataStore(IDataStore inner, TenantCircuit circuit) : IDataStore, Costs.IDataStoreWrapper
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

    public Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct) =>
        Run(t => inner.ListTenantOrdersAsync(query, page, t), ct);

    public Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct) => Run(t => inner.CountOrdersByStatusAsync(t), ct);

    public Task InsertOrderAsync(Order order, CancellationToken ct) => Run(t => inner.InsertOrderAsync(order, t), ct);

    public Task UpdateOrderAsync(Order order, long expectedVersion, CancellationToken ct) =>
        Run(t => inner.UpdateOrderAsync(order, expectedVersion, t), ct);

    public Task PingAsync(CancellationToken ct) =>
        circuit.IsOpen ? Task.FromException(circuit.Refuse(null)) : Run(t => inner.PingAsync(t), ct, ping: true);

    public Task EnsureSchemaAsync(CancellationToken ct) => inner.EnsureSchemaAsync(ct);

    public Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct) =>
        inner.BulkLoadAsync(users, orders, ct);

    private Task Run(Func<CancellationToken, Task> call, CancellationToken ct, bool ping = false) => Run(async t =>
    {
        await call(t);
        return true;
    }, ct, ping);

    private async Task<T> Run<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct, bool ping = false)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(TenantPipeline.Usage, UsageScope.Current);
        if (ping) context.Properties.Set(TenantPipeline.IsPing, true);
        try
        {
            return await circuit.Pipeline.ExecuteAsync(static (ctx, call) => AttemptAsync(ctx, call), context, call);
        }
        catch (BrokenCircuitException e)
        {
            throw circuit.Refuse(e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new BackendUnavailableException(circuit.Tenant, circuit.Provider, $"no answer within {e.Timeout.TotalSeconds:0.#} s", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static async ValueTask<T> AttemptAsync<T>(ResilienceContext context, Func<CancellationToken, Task<T>> call)
    {
        var usage = context.Properties.GetValue(TenantPipeline.Usage, null);
        var throttlesBefore = usage?.ThrottleCount ?? 0;
        try
        {
            // WaitAsync gives up at the attempt's timeout even if the driver ignores the token.
            return await call(context.CancellationToken).WaitAsync(context.CancellationToken);
        }
        catch (ThrottledException e)
        {
            ThrottleAccounting.Surfaced(usage, throttlesBefore, e);
            throw;
        }
    }
}
