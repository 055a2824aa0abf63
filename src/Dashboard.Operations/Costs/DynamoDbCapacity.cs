namespace Dashboard.Operations.Costs;

public enum ReadConsistency
{
    Eventual,
    Strong,
    Transactional,
}

/// <summary>
/// DynamoDB's capacity arithmetic, as the developer guide states it: a write costs one unit per started 1 KB
/// of item, a read one unit per started 4 KB (half for eventually consistent), and transactional reads and
/// writes cost twice that. Used to explain and check the units the provider reports.
/// </summary>
public static class DynamoDbCapacity
{
    public const int WriteUnitBytes = 1024;
    public const int ReadUnitBytes = 4096;

    public static double WriteUnits(long itemBytes, bool transactional = false)
    {
        var units = Math.Max(1, (long)Math.Ceiling(itemBytes / (double)WriteUnitBytes));
        return transactional ? 2 * units : units;
    }

    public static double ReadUnits(long itemBytes, ReadConsistency consistency = ReadConsistency.Strong)
    {
        var units = Math.Max(1, (long)Math.Ceiling(itemBytes / (double)ReadUnitBytes));
        return consistency switch
        {
            ReadConsistency.Eventual => units * 0.5,
            ReadConsistency.Transactional => units * 2.0,
            _ => units,
        };
    }
}
