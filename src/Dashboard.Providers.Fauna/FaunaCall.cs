namespace Dashboard.Providers.Fauna;

/// <summary>
/// Runs one query for a tenant, tagged <c>tenant=..,action=..</c>, and turns what went wrong into the typed
/// <see cref="StoreException"/>s. Answers the store itself understands (an <c>abort</c>, a failed constraint, a
/// refused cursor) are left as <see cref="FaunaException"/> for the store to catch.
/// </summary>
internal sealed class FaunaCall(string tenantId, FaunaClient client)
{
    private const string Product = FaunaStoreProvider.Product;

    public string TenantId => tenantId;

    public Task<object?> QueryAsync(string action, Query query, CancellationToken ct) =>
        RunAsync(async () => (await client.QueryAsync(query, [("tenant", tenantId), ("action", action)], ct)).Data, ct);

    /// <summary>The bytes the tenant's database occupies, or null where the endpoint has no such figure.</summary>
    public Task<long?> StorageBytesAsync(CancellationToken ct) => RunAsync(() => client.StorageBytesAsync(ct), ct);

    private async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested) && Map(e) is { } mapped)
        {
            throw mapped;
        }
    }

    private StoreException? Map(Exception e) => e switch
    {
        FaunaException f when f.IsThrottled =>
            new ThrottledException(tenantId, Product, FaunaClient.ThrottleCause + RateLimits(f), f),
        FaunaException { Status: 401 } f => new BackendUnavailableException(tenantId, Product,
            $"Fauna refused the secret in Tenants:{tenantId}:Settings:Secret (401 {f.Code}); set a valid key's secret with user-secrets or the environment", f),
        FaunaException { Status: 403 } f => new BackendUnavailableException(tenantId, Product,
            $"the key in Tenants:{tenantId}:Settings:Secret may not do this (403 {f.Code}); it needs the admin or server role", f),
        FaunaException { Status: 409 } f => new BackendUnavailableException(tenantId, Product,
            $"the transaction stayed contended after {client.Options.MaxAttempts} attempts (409 {f.Code})", f),
        FaunaException { Status: 440 } f => new BackendUnavailableException(tenantId, Product,
            $"no answer within {client.Options.QueryTimeout.TotalMilliseconds:0} ms (440 {f.Code})", f),
        FaunaException { Status: >= 500 } f => new BackendUnavailableException(tenantId, Product,
            $"{f.Status} {f.Code}: {f.ErrorMessage}", f),
        FaunaException { Code: "invalid_query" } f when f.ErrorMessage.Contains("`User`") || f.ErrorMessage.Contains("`Order`") =>
            new BackendUnavailableException(tenantId, Product,
                $"the User and Order collections are missing (set Tenants:{tenantId}:Settings:CreateSchema to create them): {f.ErrorMessage}", f),
        FaunaProtocolException p => new BackendUnavailableException(tenantId, Product, $"not a Fauna endpoint: {p.Message}", p),
        _ when NetworkFailure.IsUnreachable(e) => new BackendUnavailableException(tenantId, Product, NetworkFailure.Describe(e), e),
        _ => null,
    };

    private static string RateLimits(FaunaException f) =>
        f.Stats.RateLimitsHit.Count > 0 ? $" ({string.Join(',', f.Stats.RateLimitsHit)})" : "";
}
