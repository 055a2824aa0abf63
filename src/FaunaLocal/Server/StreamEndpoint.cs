using System.Collections.Immutable;
using System.Buffers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FaunaLocal.Server;

/// <summary>
/// `POST /stream/1`: an event stream. The answer is 200 with one JSON event per line ("\r\n"-separated),
/// chunked over HTTP/1.1 or DATA frames over HTTP/2, for as long as the client stays: first a `status` event
/// at the start position, then the source's events from the commit history (replaying whatever happened
/// since the start), then each new commit's events as it commits, and a `status` event every
/// StreamStatusInterval so an idle client's cursor stays inside the history. Events go out in commit order,
/// a transaction's together in one write. An `error` event (a failing filter, a secret that stopped
/// working, a client too far behind) is the last one.
/// </summary>
public sealed class StreamEndpoint(Store store, FaunaLocalOptions options, RateLimiter limiter, UsageLedger usage)
{
    private const int EventsPerWrite = 256;
    private static readonly byte[] Separator = "\r\n"u8.ToArray();
    private readonly SecretResolver _secrets = new(options.Secret);
    private long _nextId;
    private int _open;

    /// <summary>Streams open right now.</summary>
    public int Open => Volatile.Read(ref _open);

    public async Task HandleAsync(HttpContext ctx)
    {
        var request = await EventRequest.ReadAsync(ctx, store, _secrets, options, feed: false);
        if (request == null) return;
        if (Interlocked.Increment(ref _open) > options.MaxStreams)
        {
            Interlocked.Decrement(ref _open);
            await QueryEndpoint.Protocol(ctx, 429, "limit_exceeded", $"Too many open streams: this server holds at most {options.MaxStreams}.");
            return;
        }
        try
        {
            await Serve(ctx, request);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private async Task Serve(HttpContext ctx, EventRequest req)
    {
        var stopping = ctx.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        var ct = linked.Token;
        var reader = new EventReader(store, req.Principal.DbPath, req.Source);
        var output = new EventOutput(ctx, limiter, req.Secret, usage, req.Principal.DbPath);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json;charset=utf-8";
        ctx.Response.Headers["x-fauna-stream-id"] = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var position = req.Start;
        var lastStatus = Stopwatch.GetTimestamp();
        try
        {
            await output.Send([StreamEvent.Status(position)], ct);
            while (!ct.IsCancellationRequested && !store.History.Closed)
            {
                // Taken before reading, so a commit that lands while this batch is written wakes the next wait.
                var signal = store.History.NextCommit;
                if (StillAuthorized(req) is { } loss)
                {
                    await output.Send([loss], ct);
                    return;
                }
                var (_, upTo) = store.Snapshot();
                var items = reader.After(position, upTo);
                if (items == null)
                {
                    await output.Send([StreamEvent.Failure("stream_overflow", "Too many events to process: the stream fell behind the event history.")], ct);
                    return;
                }
                var batch = new List<StreamEvent>();
                foreach (var (ts, events) in items)
                {
                    batch.AddRange(events);
                    if (events.Count > 0 && events[^1].IsError)
                    {
                        await output.Send(batch, ct);
                        return;
                    }
                    position = EventCursor.AfterTime(ts);
                    if (batch.Count >= EventsPerWrite)
                    {
                        await output.Send(batch, ct);
                        batch.Clear();
                    }
                }
                // Every commit up to the snapshot time has been seen, with or without events for this source.
                if (position < EventCursor.AfterTime(upTo)) position = EventCursor.AfterTime(upTo);
                if (batch.Count > 0) await output.Send(batch, ct);

                var untilStatus = options.StreamStatusInterval - Stopwatch.GetElapsedTime(lastStatus);
                if (untilStatus <= TimeSpan.Zero)
                {
                    await output.Send([StreamEvent.Status(position)], ct);
                    lastStatus = Stopwatch.GetTimestamp();
                    continue;
                }
                try
                {
                    await signal.WaitAsync(untilStatus, ct);
                }
                catch (TimeoutException)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        // A server going down drops the connection rather than ending the answer, so drivers reconnect
        // (with their last cursor) instead of waiting on a stream that will never say more.
        if (stopping.IsCancellationRequested || store.History.Closed) ctx.Abort();
    }

    /// <summary>The secret still opens the same database; otherwise the stream ends like Fauna's.</summary>
    private StreamEvent? StillAuthorized(EventRequest req)
    {
        var now = _secrets.Resolve(req.Secret, store.Current);
        return now != null && now.DbPath.SequenceEqual(req.Principal.DbPath)
            ? null
            : StreamEvent.Failure("permission_loss", "Stream authentication is no longer valid.");
    }

    /// <summary>Writes events, one JSON line each, straight into the response and flushes them out.</summary>
    private sealed class EventOutput(HttpContext ctx, RateLimiter limiter, string secret, UsageLedger usage, ImmutableArray<string> database)
    {
        private readonly Utf8JsonWriter _json = new(Stream.Null, JsonOutput.Options);

        public async Task Send(IReadOnlyList<StreamEvent> events, CancellationToken ct)
        {
            var body = ctx.Response.BodyWriter;
            foreach (var e in events)
            {
                var hit = limiter.Record(secret, e.Stats.ReadOps, 0, e.Stats.ComputeOps);
                usage.Charge(database, e.Stats.ReadOps, 0, e.Stats.ComputeOps);
                _json.Reset(body);
                e.Write(_json, hit);
                _json.Flush();
                body.Write(Separator);
            }
            var flushed = await body.FlushAsync(ct);
            if (flushed.IsCanceled || flushed.IsCompleted) throw new OperationCanceledException();
        }
    }
}
