namespace Dashboard.Core.Usage;

/// <summary>The billing units each provider reports per call, in the provider's own vocabulary.</summary>
public enum UsageUnit
{
    /// <summary>DynamoDB read capacity units (ConsumedCapacity.ReadCapacityUnits).</summary>
    ReadCapacityUnits,
    /// <summary>DynamoDB write capacity units (ConsumedCapacity.WriteCapacityUnits).</summary>
    WriteCapacityUnits,
    /// <summary>SQL rows read (PlanetScale's legacy billing unit; also the sandbox's).</summary>
    RowsRead,
    /// <summary>SQL rows written.</summary>
    RowsWritten,
    /// <summary>Fauna read ops (stats.read_ops).</summary>
    ReadOps,
    /// <summary>Fauna write ops (stats.write_ops).</summary>
    WriteOps,
    /// <summary>Fauna compute ops (stats.compute_ops).</summary>
    ComputeOps,
    /// <summary>Fauna storage bytes read (stats.storage_bytes_read).</summary>
    StorageBytesRead,
    /// <summary>Fauna storage bytes written (stats.storage_bytes_write).</summary>
    StorageBytesWritten,
    /// <summary>DynamoDB Streams read request units (one per GetRecords call).</summary>
    StreamReadRequests,
}

/// <summary>Facts about <see cref="UsageUnit"/> for display and export.</summary>
public static class UsageUnits
{
    /// <summary>How many units there are (the enum is dense from 0).</summary>
    public const int Count = 10;

    public static IReadOnlyList<UsageUnit> All { get; } = Enum.GetValues<UsageUnit>();

    /// <summary>The short name people know from the provider's console ("RCU", "rows read", "read ops").</summary>
    public static string Label(UsageUnit unit) => unit switch
    {
        UsageUnit.ReadCapacityUnits => "RCU",
        UsageUnit.WriteCapacityUnits => "WCU",
        UsageUnit.RowsRead => "rows read",
        UsageUnit.RowsWritten => "rows written",
        UsageUnit.ReadOps => "read ops",
        UsageUnit.WriteOps => "write ops",
        UsageUnit.ComputeOps => "compute ops",
        UsageUnit.StorageBytesRead => "storage bytes read",
        UsageUnit.StorageBytesWritten => "storage bytes written",
        UsageUnit.StreamReadRequests => "stream reads",
        _ => unit.ToString(),
    };

    /// <summary>The tag value on the units counter (snake case, stable for dashboards).</summary>
    public static string MetricName(UsageUnit unit) => unit switch
    {
        UsageUnit.ReadCapacityUnits => "read_capacity_units",
        UsageUnit.WriteCapacityUnits => "write_capacity_units",
        UsageUnit.RowsRead => "rows_read",
        UsageUnit.RowsWritten => "rows_written",
        UsageUnit.ReadOps => "read_ops",
        UsageUnit.WriteOps => "write_ops",
        UsageUnit.ComputeOps => "compute_ops",
        UsageUnit.StorageBytesRead => "storage_bytes_read",
        UsageUnit.StorageBytesWritten => "storage_bytes_written",
        UsageUnit.StreamReadRequests => "stream_read_requests",
        _ => unit.ToString(),
    };
}
