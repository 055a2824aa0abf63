using System.Diagnostics;

namespace Dashboard.Operations.Metering;

/// <summary>
/// Opens a <see cref="UsageScope"/> around each call of the inner store (the provider reports its units and
/// throttle answers into it), times the call, classifies how it ended and hands the result to the sinks.
/// </summary>
public sealed class MeteredDataStore : DataStoreDecorator, IChangeFeedReads
{
    private readonly IStoreCallSink[] _sinks;
    private readonly SeriesKey[] _series;

    public MeteredDataStore(IDataStore inner, string tenant, string provider, IStoreCallSink[] sinks) : base(inner)
    {
        _sinks = sinks;
        _series = StoreOperations.All.Select(op => new SeriesKey(tenant, provider, op)).ToArray();
    }

    protected override async Task<T> InvokeAsync<T>(StoreOperation operation, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var scope = UsageScope.Begin(out var usage);
        try
        {
            var result = await call(ct);
            // A Get or Find that found nothing answers null: "not-found", as a NotFoundException would count.
            Publish(operation, result is null ? StoreOutcome.NotFound : StoreOutcome.Ok, started, usage);
            return result;
        }
        catch (Exception e)
        {
            Publish(operation, StoreOutcomes.Of(e), started, usage);
            throw;
        }
    }

    /// <summary>A change feed's own read, metered as <see cref="StoreOperation.LiveUpdates"/> (the cost page's "live updates").</summary>
    public Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken ct) =>
        InvokeAsync(StoreOperation.LiveUpdates, read, ct);

    private void Publish(StoreOperation op, StoreOutcome outcome, long started, CallUsage usage)
    {
        var call = new StoreCall(_series[(int)op], outcome, Stopwatch.GetElapsedTime(started), usage);
        foreach (var sink in _sinks) sink.Record(call);
    }
}
