using Amazon.Runtime;

namespace Dashboard.Providers.DynamoDb.Client;

/// <summary>
/// Runs one store call: counts throttling answers per attempt (reported to the <see cref="UsageScope"/>, each marked
/// retried or not) and turns the SDK's exceptions into the typed <see cref="StoreException"/>s.
/// </summary>
internal sealed class DynamoCall(string tenantId, string tableName)
{
    public string TenantId => tenantId;

    public async Task<T> Run<T>(Func<Task<T>> operation, CancellationToken ct)
    {
        var attempts = ThrottleAttempts.Begin();
        var surfacedThrottle = false;
        try
        {
            return await operation();
        }
        catch (Exception e) when (e is not StoreException && !(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            var mapped = Map(e);
            surfacedThrottle = mapped is ThrottledException;
            if (mapped is null) throw;
            throw mapped;
        }
        finally
        {
            var causes = attempts.Causes;
            for (var i = 0; i < causes.Count; i++)
                UsageScope.RecordThrottle(causes[i], retried: !(surfacedThrottle && i == causes.Count - 1));
        }
    }

    public Task Run(Func<Task> operation, CancellationToken ct) => Run(async () =>
    {
        await operation();
        return true;
    }, ct);

    private StoreException? Map(Exception e)
    {
        if (ThrottleCause(e) is { } cause) return new ThrottledException(tenantId, DynamoDbStoreProvider.Product, cause, e);
        if (e is ResourceNotFoundException)
            return new BackendUnavailableException(tenantId, DynamoDbStoreProvider.Product, $"table '{tableName}' does not exist (set Settings:CreateSchema to create it)", e);
        if (NetworkFailure.IsUnreachable(e)) return new BackendUnavailableException(tenantId, DynamoDbStoreProvider.Product, NetworkFailure.Describe(e), e);
        if (e is InternalServerErrorException or AmazonServiceException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError })
            return new BackendUnavailableException(tenantId, DynamoDbStoreProvider.Product, e.Message, e);
        return null;
    }

    public static string? ThrottleCause(Exception e) => e switch
    {
        ProvisionedThroughputExceededException => "ProvisionedThroughputExceededException",
        RequestLimitExceededException => "RequestLimitExceeded",
        ThrottlingException => "ThrottlingException",
        TransactionCanceledException t when t.CancellationReasons?.Any(r => r.Code == "ThrottlingError") == true =>
            "TransactionCanceledException (ThrottlingError)",
        AmazonServiceException a when ThrottleCountingHandler.ThrottlingCodes.Contains(a.ErrorCode) => a.ErrorCode,
        _ => null,
    };
}
