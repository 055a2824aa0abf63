namespace Dashboard.Providers.DynamoDb;

/// <summary>
/// "~N users" for the first users page without a page ever waiting on DescribeTable (DynamoDB Local counts items
/// on the spot: ~760 ms at 400k items). The item count of the sparse <c>UsersByEmail</c> index is the number of
/// users (AWS refreshes it about every six hours). A page reads the cached figure, or null before the first
/// refresh; a stale figure starts one refresh in the background, outside the page call's metering scope.
/// </summary>
internal sealed class UserCountEstimate(IAmazonDynamoDB client, string tableName, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private long _count = -1;
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;
    private int _refreshing;

    public long? Current()
    {
        if (clock.GetUtcNow() - _refreshedAt > MaxAge && Interlocked.Exchange(ref _refreshing, 1) == 0)
        {
            using (ExecutionContext.SuppressFlow()) _ = Task.Run(RefreshAsync);
        }
        var count = Volatile.Read(ref _count);
        return count < 0 ? null : count;
    }

    /// <summary>Reads the figure now (tests, and the first refresh).</summary>
    public async Task RefreshAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var table = (await client.DescribeTableAsync(tableName, timeout.Token)).Table;
            var index = table.GlobalSecondaryIndexes?.FirstOrDefault(i => i.IndexName == TableLayout.UsersByEmail);
            Volatile.Write(ref _count, index?.ItemCount ?? -1);
            _refreshedAt = clock.GetUtcNow();
        }
        catch (Exception)
        {
            // An estimate is optional: the page shows no count rather than failing; the next page tries again.
            _refreshedAt = clock.GetUtcNow() - MaxAge + TimeSpan.FromSeconds(30);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }
}
