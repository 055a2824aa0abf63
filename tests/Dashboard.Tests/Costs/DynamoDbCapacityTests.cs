using Dashboard.Operations.Costs;

namespace Dashboard.Tests.Costs;

/// <summary>Hand-computed cases from DynamoDB's capacity rules.</summary>
public sealed class DynamoDbCapacityTests
{
    [Theory]
    [InlineData(5 * 1024, false, 5)]       // a 5 KB item write = 5 WCU
    [InlineData(5 * 1024, true, 10)]       // transactional = 2×
    [InlineData(1024, false, 1)]           // 1 KB = 1 WCU
    [InlineData(1000, false, 1)]           // under 1 KB still 1
    [InlineData(1025, false, 2)]           // a started KB counts whole
    [InlineData(100, true, 2)]
    public void Write_units(long bytes, bool transactional, double expected) =>
        Assert.Equal(expected, DynamoDbCapacity.WriteUnits(bytes, transactional));

    [Theory]
    [InlineData(4096, ReadConsistency.Strong, 1)]          // 4 KB strongly consistent = 1 RCU
    [InlineData(4096, ReadConsistency.Eventual, 0.5)]      // eventually consistent = 0.5
    [InlineData(4096, ReadConsistency.Transactional, 2)]
    [InlineData(4097, ReadConsistency.Strong, 2)]
    [InlineData(10 * 1024, ReadConsistency.Eventual, 1.5)] // 3 started 4 KB blocks × 0.5
    [InlineData(1, ReadConsistency.Strong, 1)]
    public void Read_units(long bytes, ReadConsistency consistency, double expected) =>
        Assert.Equal(expected, DynamoDbCapacity.ReadUnits(bytes, consistency));
}
