namespace Dashboard.Providers.DynamoDb.Client;

/// <summary>
/// Reports ConsumedCapacity (every request asks for TOTAL) to the call's <see cref="UsageScope"/>. When a response
/// gives only the total, it is read or write capacity by the kind of operation that consumed it.
/// </summary>
internal static class CapacityMeter
{
    public static void Read(ConsumedCapacity? c) => Report(c, write: false);

    public static void Write(ConsumedCapacity? c) => Report(c, write: true);

    public static void Write(IEnumerable<ConsumedCapacity>? all)
    {
        foreach (var c in all ?? []) Report(c, write: true);
    }

    private static void Report(ConsumedCapacity? c, bool write)
    {
        if (c is null) return;
        if (c.ReadCapacityUnits is not null || c.WriteCapacityUnits is not null)
        {
            UsageScope.Add(UsageUnit.ReadCapacityUnits, c.ReadCapacityUnits ?? 0);
            UsageScope.Add(UsageUnit.WriteCapacityUnits, c.WriteCapacityUnits ?? 0);
        }
        else
        {
            UsageScope.Add(write ? UsageUnit.WriteCapacityUnits : UsageUnit.ReadCapacityUnits, c.CapacityUnits ?? 0);
        }
    }
}
