namespace Dashboard.Core.Stores;

/// <summary>
/// A backend store that can tell how many bytes the tenant's data occupies, from the backend's own figures
/// (DynamoDB DescribeTable TableSizeBytes, MySQL information_schema table statistics, FaunaLocal storage
/// bytes). Optional: a provider's store implements it when it can answer cheaply or from a cache.
/// </summary>
public interface IStorageSizeReporter
{
    Task<long?> StorageBytesAsync(CancellationToken ct);
}
