using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Dashboard.Operations.Resilience;

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
public sealed class ResilientDataStore(IDataStore inner, TenantCircuit circuit) : DataStoreDecorator(inner)
{
    protected override Task<T> InvokeAsync<T>(StoreOperation operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        StoreOperations.IsMaintenance(operation) ? call(ct)
        : operation != StoreOperation.Ping ? Run(call, ct)
        : circuit.IsOpen ? Task.FromException<T>(circuit.Refuse(null))
        : Run(call, ct, ping: true);

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
