using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Operations.Metering.Fleet;

/// <summary>
/// Sends this instance's throttle events to the shared <see cref="IThrottleEventStore"/>, so the throttling page
/// lists every instance's. Store calls only queue them (a bounded buffer, never waiting); a background loop writes
/// them once a second in batches. When the buffer is full — the app store slow or down under a throttling storm —
/// new events are dropped and counted (<c>dashboard.store.throttle_events.dropped</c>), and the page says how many
/// the list lacks. Old events are pruned so the table stays bounded.
/// </summary>
public sealed class ThrottleEventShipper : BackgroundService, IStoreCallSink
{
    public const int BufferCapacity = 10_000;
    public const int BatchSize = 500;
    public const int KeepAtMost = 200_000;
    public static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(5);
    /// <summary>The longest window a page shows, and a little more.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24) + TimeSpan.FromMinutes(5);

    private readonly Channel<ThrottleRecord> _buffer = Channel.CreateBounded<ThrottleRecord>(
        new BoundedChannelOptions(BufferCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private readonly IThrottleEventStore _store;
    private readonly string _instance;
    private readonly TimeProvider _clock;
    private readonly ILogger<ThrottleEventShipper> _log;
    private readonly Counter<long> _dropped;
    private long _droppedTotal;

    public ThrottleEventShipper(IThrottleEventStore store, InstanceName instance, TimeProvider clock, IMeterFactory meters, ILogger<ThrottleEventShipper> log)
    {
        _store = store;
        _instance = instance.Value;
        _clock = clock;
        _log = log;
        _dropped = meters.Create(StoreMetrics.MeterName).CreateCounter<long>("dashboard.store.throttle_events.dropped", "{event}",
            "Throttle events not sent to the shared list because this instance's buffer was full.");
    }

    /// <summary>Events this instance could not queue since it started.</summary>
    public long Dropped => Interlocked.Read(ref _droppedTotal);

    public void Record(in StoreCall call)
    {
        if (call.Usage.ThrottleCount == 0) return;
        var series = call.Series;
        foreach (var t in call.Usage.Throttles)
        {
            // TryWrite on a full bounded channel refuses instead of waiting: the caller is a store call.
            if (_buffer.Writer.TryWrite(new ThrottleRecord(t.At, series.Tenant, series.Provider, series.OperationName, t.Cause, t.Retried, _instance))) continue;
            Interlocked.Increment(ref _droppedTotal);
            _dropped.Add(1);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ThrottleRecord>(BatchSize);
        var nextPrune = _clock.GetUtcNow();
        var pause = WriteInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(pause, _clock, stoppingToken);
                // A batch that failed to write is kept and tried again first (the buffer meanwhile fills and drops).
                while (batch.Count < BatchSize * 4 && _buffer.Reader.TryRead(out var e)) batch.Add(e);
                while (batch.Count > 0)
                {
                    var n = Math.Min(BatchSize, batch.Count);
                    await _store.AppendAsync(batch.GetRange(0, n), stoppingToken);
                    batch.RemoveRange(0, n); // only what was written: a failure retries the rest, nothing twice
                }
                pause = WriteInterval;
                if (_clock.GetUtcNow() >= nextPrune)
                {
                    await _store.PruneAsync(_clock.GetUtcNow() - KeepFor, KeepAtMost, stoppingToken);
                    nextPrune = _clock.GetUtcNow() + PruneInterval;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                pause = TimeSpan.FromSeconds(Math.Min(pause.TotalSeconds * 2, 30));
                _log.LogWarning("Throttle events could not be written to the app store ({Count} waiting; next try in {Pause:0} s): {Problem}",
                    batch.Count, pause.TotalSeconds, e.Message);
            }
        }
    }
}
