namespace FaunaLocal.Server;

/// <summary>
/// `POST /feed/1`: one page of an event source's events after a cursor (or start time), read from the commit
/// history up to a consistent snapshot: `{ events, cursor, has_next, stats }`. `cursor` resumes after the
/// last event given; when nothing more is waiting it moves up to the snapshot time, so polling an idle
/// source never falls out of the history. An `error` event ends the page. Counts against the secret's rate
/// limits and honours X-Query-Timeout-Ms like a query.
/// </summary>
public sealed class FeedEndpoint(Store store, FaunaLocalOptions options, RateLimiter limiter, UsageLedger usage)
{
    private static readonly int Shape = "\u0001feed".GetHashCode(StringComparison.Ordinal);
    private readonly SecretResolver _secrets = new(options.Secret);

    public async Task HandleAsync(HttpContext ctx)
    {
        var started = Stopwatch.GetTimestamp();
        var request = await EventRequest.ReadAsync(ctx, store, _secrets, options, feed: true);
        if (request == null) return;
        var timeoutHeader = ctx.Request.Headers["X-Query-Timeout-Ms"].ToString();
        var timeoutMs = options.DefaultQueryTimeoutMs;
        if (timeoutHeader.Length > 0 && (!int.TryParse(timeoutHeader, out timeoutMs) || timeoutMs is < 1 or > 600_000))
        {
            await QueryEndpoint.Protocol(ctx, 400, "invalid_request", "Invalid headers: X-Query-Timeout-Ms must be 1..600000.");
            return;
        }
        var deadline = QueryDeadline.Start(started, timeoutMs);

        var reservation = limiter.Admit(request.Secret, Shape, out var refused);
        if (refused.Count > 0 && options.Limits.Hard)
        {
            await Throttled(ctx, refused);
            return;
        }
        if (deadline.Passed)
        {
            reservation?.Settle(0, 0, 0);
            await QueryEndpoint.Protocol(ctx, 440, "time_out", QueryEndpoint.TimeoutMessage(deadline));
            return;
        }

        var page = Collect(request, deadline);
        if (page == null)
        {
            reservation?.Settle(0, 0, 0);
            await QueryEndpoint.Protocol(ctx, 400, "invalid_request", "Invalid stream start time: the event history no longer reaches back to this cursor. Recreate the event source and try again.");
            return;
        }
        var (events, cursor, hasNext, stats) = page.Value;
        var compute = Math.Max(1, stats.ComputeOps);
        List<string> hit;
        if (reservation == null) hit = [];
        else
        {
            try
            {
                reservation.Consume(OpKind.Read, stats.ReadOps);
                reservation.Consume(OpKind.Compute, compute);
            }
            catch (OpsLimitException e)
            {
                reservation.Settle(stats.ReadOps, 0, compute);
                await Throttled(ctx, [e.Kind.ToString().ToLowerInvariant()]);
                return;
            }
            hit = reservation.Settle(stats.ReadOps, 0, compute);
        }
        var total = stats with { ProcessingTimeMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds };
        usage.Charge(request.Principal.DbPath, total.ReadOps, 0, total.ComputeOps);
        await JsonAnswer.WriteAsync(ctx, 200, w =>
        {
            w.WriteStartArray("events");
            foreach (var e in events) e.Write(w, []);
            w.WriteEndArray();
            w.WriteString("cursor", cursor.Encode());
            w.WriteBoolean("has_next", hasNext);
            w.WritePropertyName("stats");
            StreamEvent.WriteStats(w, total, hit);
        });
    }

    /// <summary>Up to a page of events after the request's start; null when the history no longer reaches back there.</summary>
    private (List<StreamEvent> Events, EventCursor Cursor, bool HasNext, EventStats Stats)? Collect(EventRequest request, QueryDeadline deadline)
    {
        var reader = new EventReader(store, request.Principal.DbPath, request.Source);
        var (_, upTo) = store.Snapshot();
        var items = reader.After(request.Start, upTo);
        if (items == null) return null;
        var events = new List<StreamEvent>();
        var stats = EventStats.Zero;
        var last = request.Start;
        foreach (var (ts, txnEvents) in items)
        {
            foreach (var e in txnEvents)
            {
                if (events.Count == request.PageSize) return (events, last, true, stats);
                events.Add(e);
                stats = stats.Plus(e.Stats);
                if (e.IsError) return (events, last, false, stats);
                last = e.Cursor;
            }
            // Out of time with events to give: a shorter page, and the next one carries on from here.
            if (deadline.Remaining < TimeSpan.FromMilliseconds(deadline.TimeoutMs * 0.05) && events.Count > 0)
                return (events, EventCursor.AfterTime(ts), true, stats);
        }
        // Everything up to the snapshot has been read; never move back before where the request started.
        var caughtUp = EventCursor.AfterTime(upTo);
        return (events, caughtUp > last ? caughtUp : last, false, stats);
    }

    private static Task Throttled(HttpContext ctx, List<string> limits) =>
        JsonAnswer.WriteAsync(ctx, 429, w =>
        {
            WireParts.Error(w, "limit_exceeded", "Rate limit exceeded");
            w.WritePropertyName("stats");
            StreamEvent.WriteStats(w, EventStats.Zero, limits);
        });
}
