namespace Dashboard.Core.Metering;

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
}
