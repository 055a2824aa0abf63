namespace FaunaLocal.Server;

/// <summary>
/// A `/stream/1` or `/feed/1` request, read and checked: `{ token, cursor? | start_ts?, page_size? }` with a
/// bearer secret. Everything wrong with it is answered here the way Fauna answers it: 401 `unauthorized`,
/// 413, or 400 `invalid_request` with a JSON body (a bad, foreign or expired token included).
/// </summary>
public sealed record EventRequest(string Secret, Principal Principal, EventSourceValue Source, EventCursor Start, int PageSize)
{
    public const int DefaultPageSize = 16;
    public const int MaxPageSize = 16_000;

    /// <summary>The request, or null once an error answer has been written.</summary>
    public static async Task<EventRequest?> ReadAsync(HttpContext ctx, Store store, SecretResolver secrets, FaunaLocalOptions options, bool feed)
    {
        var auth = ctx.Request.Headers.Authorization.ToString();
        var secret = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : "";
        var principal = secret.Length == 0 ? null : secrets.Resolve(secret, store.Current);
        if (principal == null)
        {
            ctx.Response.Headers.WWWAuthenticate = "Bearer";
            await QueryEndpoint.Protocol(ctx, 401, "unauthorized", "Invalid token, unable to authenticate request");
            return null;
        }

        var body = await ReadBody(ctx.Request, options.MaxRequestBytes);
        if (body == null)
        {
            await QueryEndpoint.Protocol(ctx, 413, "request_size_exceeded", "Request entity is too large");
            return null;
        }
        if (body.Length == 0) return await BadRequest(ctx, "No request body provided");

        string token;
        string? cursorText = null;
        long? startTs = null;
        var pageSize = DefaultPageSize;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("token", out var t) || t.ValueKind != JsonValueKind.String)
                return await BadRequest(ctx, "Invalid request body: `token` (the event source, a String) is required");
            token = t.GetString()!;
            if (root.TryGetProperty("cursor", out var c) && c.ValueKind != JsonValueKind.Null)
                cursorText = c.ValueKind == JsonValueKind.String ? c.GetString() : throw new FormatException("`cursor` must be a String");
            if (root.TryGetProperty("start_ts", out var s) && s.ValueKind != JsonValueKind.Null)
                startTs = s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var ts) ? ts : throw new FormatException("`start_ts` must be a number of microseconds");
            if (feed && root.TryGetProperty("page_size", out var p) && p.ValueKind != JsonValueKind.Null)
                pageSize = p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) ? n : throw new FormatException("`page_size` must be an integer");
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return await BadRequest(ctx, "Invalid request body: " + e.Message);
        }

        if (cursorText != null && startTs != null) return await BadRequest(ctx, "Invalid request body: can not provide both `start_ts` and `cursor`");
        if (pageSize <= 0) return await BadRequest(ctx, "Invalid request body: page size must be greater than zero.");
        if (pageSize > MaxPageSize) return await BadRequest(ctx, $"Invalid request body: page size can not be greater than {MaxPageSize}.");
        var source = EventSourceToken.Decode(token);
        if (source == null) return await BadRequest(ctx, "Invalid request body: invalid event source provided");
        EventCursor? cursor = null;
        if (cursorText != null)
        {
            cursor = EventCursor.Decode(cursorText);
            if (cursor == null) return await BadRequest(ctx, "Invalid request body: invalid event cursor provided");
        }
        else if (startTs != null) cursor = EventCursor.AfterTime(startTs.Value);

        if (Unavailable(store.Current, principal, source) is { } why)
            return await BadRequest(ctx, $"Error evaluating provided event source, {why}");
        var created = source.Start!.Value;
        if (!feed && cursor != null && cursor.Value.Ts < created.Ts)
            return await BadRequest(ctx, "Invalid stream start time: Stream start time can not be before the stream create time.");
        var start = cursor ?? created;
        if (start.Ts < store.History.Horizon)
            return await BadRequest(ctx, $"Invalid stream start time: {start.Ts} is too far in the past (events are kept for {options.EventHistory.MaxAge.TotalMinutes:0} minutes). Recreate the event source and try again.");
        return new EventRequest(secret, principal, source, start, pageSize);
    }

    /// <summary>Why the source cannot be followed in the secret's database, or null when it can.</summary>
    public static string? Unavailable(StoreState state, Principal principal, EventSourceValue source)
    {
        var db = state.Root.Navigate(principal.DbPath);
        if (db == null) return "the database of this secret no longer exists.";
        var coll = db.Collections.GetValueOrDefault(source.Collection);
        if (coll == null) return $"Collection `{source.Collection}` does not exist.";
        if (source.Index is { Index: { } index } && coll.FindIndex(index) == null) return $"Index `{source.Collection}.{index}` does not exist.";
        return null;
    }

    private static async Task<EventRequest?> BadRequest(HttpContext ctx, string message)
    {
        await QueryEndpoint.Protocol(ctx, 400, "invalid_request", message);
        return null;
    }

    private static async Task<byte[]?> ReadBody(HttpRequest req, long max)
    {
        if (req.ContentLength > max) return null;
        using var ms = new MemoryStream();
        var buffer = new byte[16384];
        int n;
        while ((n = await req.Body.ReadAsync(buffer)) > 0)
        {
            ms.Write(buffer, 0, n);
            if (ms.Length > max) return null;
        }
        return ms.ToArray();
    }
}
