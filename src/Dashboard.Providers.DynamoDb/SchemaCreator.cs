namespace Dashboard.Providers.DynamoDb;

/// <summary>Creates the tenant's table and any missing index, then waits until they are ACTIVE. Safe to run again.</summary>
internal sealed class SchemaCreator(IAmazonDynamoDB db, string tableName)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    public async Task EnsureAsync(CancellationToken ct)
    {
        var table = await DescribeAsync(ct);
        if (table is null)
        {
            try
            {
                await db.CreateTableAsync(TableLayout.CreateTable(tableName), ct);
            }
            catch (ResourceInUseException)
            {
                // Another instance created it first.
            }
            table = await WaitActiveAsync(ct);
        }
        var request = TableLayout.CreateTable(tableName);
        foreach (var index in TableLayout.Indexes())
        {
            if (table.GlobalSecondaryIndexes?.Any(i => i.IndexName == index.IndexName) == true) continue;
            // One index per UpdateTable call: DynamoDB builds them one at a time.
            await db.UpdateTableAsync(new UpdateTableRequest
            {
                TableName = tableName,
                AttributeDefinitions = request.AttributeDefinitions,
                GlobalSecondaryIndexUpdates =
                [
                    new() { Create = new CreateGlobalSecondaryIndexAction { IndexName = index.IndexName, KeySchema = index.KeySchema, Projection = index.Projection } },
                ],
            }, ct);
            table = await WaitActiveAsync(ct);
        }
        if (table.StreamSpecification?.StreamEnabled != true)
        {
            // A table from before live updates: its stream is switched on once.
            await db.UpdateTableAsync(new UpdateTableRequest { TableName = tableName, StreamSpecification = TableLayout.Stream }, ct);
            await WaitActiveAsync(ct);
        }
    }

    private async Task<TableDescription?> DescribeAsync(CancellationToken ct)
    {
        try
        {
            return (await db.DescribeTableAsync(tableName, ct)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private async Task<TableDescription> WaitActiveAsync(CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + MaxWait;
        while (true)
        {
            var table = await DescribeAsync(ct);
            if (table is not null && table.TableStatus == TableStatus.ACTIVE
                && (table.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE))
                return table;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"table '{tableName}' did not become ACTIVE within {MaxWait.TotalMinutes} minutes");
            await Task.Delay(250, ct);
        }
    }
}
