namespace Dashboard.Operations.Metering;

/// <summary>A finished store call as the metering decorator saw it.</summary>
public readonly record struct StoreCall(SeriesKey Series, StoreOutcome Outcome, TimeSpan Duration, CallUsage Usage);

/// <summary>Receives every finished store call (metrics, rolling store, the current action's cost).</summary>
public interface IStoreCallSink
{
    void Record(in StoreCall call);
}
