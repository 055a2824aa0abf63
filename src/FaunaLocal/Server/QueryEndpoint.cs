using System.Text.RegularExpressions;

namespace FaunaLocal.Server;

/// <summary>`POST /query/1`: authenticate, read headers and body, run the query, answer in Fauna's format.</summary>
public sealed partial class QueryEndpoint(Store store, FaunaLocalOptions options, RateLimiter limiter, UsageLedger usage)
{
    private readonly QueryExecutor _executor = new(store);
    private readonly SecretResolver _secrets = new(options.Secret);

    [GeneratedRegex("^[A-Za-z0-9_]{1,40}=[A-Za-z0-9_]{1,80}$")]
    private static partial Regex TagPattern();

    public async Task HandleAsync(HttpContext ctx)
    {
        var started = Stopwatch.GetTimestamp();
        var req = ctx.Request;

        var auth = req.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || auth.Length <= 7)
        {
            await Unauthorized(ctx, "Missing or invalid Authorization header: send `Bearer <secret>`.");
            return;
        }
        var token = auth[7..].Trim();
        var principal = _secrets.Resolve(token, store.Current);
        if (principal == null)
        {
            await Unauthorized(ctx, "Invalid token, unable to authenticate request.");
            return;
        }

        var format = req.Headers["X-Format"].ToString();
        if (format.Length > 0 && format is not ("tagged" or "simple"))
        {
            await Protocol(ctx, 400, "invalid_request", $"Unsupported X-Format `{format}`: use tagged or simple.");
            return;
        }
        var tagged = format == "tagged";
        if (!TryHeaderInt(req, "X-Query-Timeout-Ms", 1, 600_000, options.DefaultQueryTimeoutMs, out var timeoutMs)
            || !TryHeaderInt(req, "X-Max-Contention-Retries", 0, 7, 7, out var maxRetries)
            || !TryHeaderInt(req, "X-Last-Txn-Ts", 0, long.MaxValue, 0, out _))
        {
            await Protocol(ctx, 400, "invalid_request", "Invalid header: X-Query-Timeout-Ms must be 1..600000, X-Max-Contention-Retries 0..7, X-Last-Txn-Ts a number of microseconds.");
            return;
        }
        var tags = req.Headers["X-Query-Tags"].ToString();
        if (tags.Length > 0 && (tags.Split(',') is var pairs && (pairs.Length > 25 || !pairs.All(p => TagPattern().IsMatch(p)))))
        {
            await Protocol(ctx, 400, "invalid_request", "Invalid X-Query-Tags: up to 25 `key=value` pairs of letters, digits and `_`.");
            return;
        }

        var body = await ReadBody(req);
        if (body == null)
        {
            await Protocol(ctx, 413, "request_size_exceeded", $"The request body exceeds {options.MaxRequestBytes} bytes.");
            return;
        }

        Expr query;
        QueryText text;
        var shape = 0;
        Dictionary<string, Value> arguments = [];
        var values = new TaggedReader(tagged, cursor => SetCursor.Decode(cursor).Set);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("query", out var q))
                throw new FormatException("The request body must be a JSON object with a `query`.");
            shape = QueryShape.Of(q);
            if (root.TryGetProperty("arguments", out var args) && args.ValueKind != JsonValueKind.Null)
            {
                if (args.ValueKind != JsonValueKind.Object) throw new FormatException("`arguments` must be an object.");
                foreach (var a in args.EnumerateObject()) arguments[a.Name] = values.Read(a.Value);
            }
            // A plain string is accepted too (handy with curl): it is a template with one fragment.
            (query, text) = q.ValueKind == JsonValueKind.String ? QueryText.ParseSource(q.GetString()!) : QueryText.Parse(q, values);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            await Protocol(ctx, 400, "invalid_request", "Invalid request: " + e.Message);
            return;
        }
        catch (QueryException e)
        {
            await Protocol(ctx, 400, e.Code == "invalid_query" ? "invalid_request" : e.Code, e.Message);
            return;
        }
        catch (QueryTextException e)
        {
            var meter = new Metering();
            var hit = limiter.Record(token, meter);
            await JsonAnswer.WriteAsync(ctx, 400, w =>
            {
                WireParts.Error(w, e.Error.Code, e.Error.Message);
                w.WriteString("summary", e.Text.Summary(e.Error.Code, e.Error.Message, e.Error.Pos));
                var (state, ts) = store.Snapshot();
                WriteInfo(w, ts, meter, 0, started, hit, tags, state.Root.Navigate(principal.DbPath)?.SchemaTs ?? 0);
            });
            return;
        }

        var reservation = limiter.Admit(token, shape, out var refused);
        if (refused.Count > 0 && options.Limits.Hard)
        {
            await Throttled(ctx, new Metering(), started, refused);
            return;
        }
        var deadline = QueryDeadline.Start(started, (int)timeoutMs);
        var result = _executor.Execute(new QueryRequest(query, arguments, principal.DbPath, principal.ReadOnly, deadline, (int)maxRetries, tagged, reservation));
        var limitsHit = reservation?.Settle(result.Meter) ?? [];
        // Whatever the outcome, the answer's stats say what was spent: the ledger counts the same.
        usage.Charge(principal.DbPath, result.Meter);
        if (result.Outcome == QueryOutcome.Throttled)
        {
            await Throttled(ctx, result.Meter, started, [result.ThrottledOn.ToString()!.ToLowerInvariant()]);
            return;
        }
        await Respond(ctx, result, text, started, limitsHit, tags, deadline);
    }

    private static Task Throttled(HttpContext ctx, Metering meter, long started, List<string> limits) =>
        JsonAnswer.WriteAsync(ctx, 429, w =>
        {
            WireParts.Error(w, "limit_exceeded", "Rate limit exceeded");
            WriteStats(w, meter, 0, started, limits);
        });

    /// <summary>Fauna's words for a query that outlived its X-Query-Timeout-Ms.</summary>
    public static string TimeoutMessage(QueryDeadline deadline)
    {
        var elapsed = (long)deadline.Elapsed.TotalMilliseconds;
        return elapsed < 1000
            ? $"Client set aggressive deadline: query needs 1000, timed out within {elapsed}"
            : $"Read timed out (Timed out before deadline {deadline.TimeoutMs} ms)";
    }

    private async Task Respond(HttpContext ctx, QueryResult r, QueryText text, long started, List<string> limitsHit, string tags, QueryDeadline deadline)
    {
        switch (r.Outcome)
        {
            case QueryOutcome.Success:
                await JsonAnswer.WriteAsync(ctx, 200, w =>
                {
                    w.WritePropertyName("data");
                    w.WriteRawValue(r.Data!, skipInputValidation: true);
                    w.WriteString("summary", string.Join('\n', r.Logs));
                    WriteInfo(w, r.TxnTs, r.Meter, r.ContentionRetries, started, limitsHit, tags, r.SchemaVersion);
                });
                return;
            case QueryOutcome.TimedOut:
                await JsonAnswer.WriteAsync(ctx, 440, w =>
                {
                    WireParts.Error(w, "time_out", TimeoutMessage(deadline));
                    WriteInfo(w, r.TxnTs, r.Meter, r.ContentionRetries, started, limitsHit, tags, r.SchemaVersion);
                });
                return;
            case QueryOutcome.Contended:
                await JsonAnswer.WriteAsync(ctx, 409, w =>
                {
                    WireParts.Error(w, "contended_transaction", "Transaction was aborted due to detection of concurrent modification.");
                    WriteInfo(w, r.TxnTs, r.Meter, r.ContentionRetries, started, limitsHit, tags, r.SchemaVersion);
                });
                return;
        }
        var e = r.Error!;
        var status = e.Code switch
        {
            "forbidden" => 403,
            "unauthorized" => 401,
            _ => 400,
        };
        await JsonAnswer.WriteAsync(ctx, status, w =>
        {
            WireParts.StartError(w, e.Code, e.Message, r.AbortValue);
            if (e.ConstraintFailures != null)
            {
                w.WriteStartArray("constraint_failures");
                foreach (var f in e.ConstraintFailures)
                {
                    w.WriteStartObject();
                    w.WriteStartArray("paths");
                    foreach (var path in f.Paths)
                    {
                        w.WriteStartArray();
                        foreach (var seg in path) w.WriteStringValue(seg);
                        w.WriteEndArray();
                    }
                    w.WriteEndArray();
                    w.WriteString("message", f.Message);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteString("summary", text.Summary(e.Code, e.Message, e.Pos));
            WriteInfo(w, r.TxnTs, r.Meter, r.ContentionRetries, started, limitsHit, tags, r.SchemaVersion);
        });
    }

    private static void WriteInfo(Utf8JsonWriter w, long txnTs, Metering m, int retries, long started, List<string> limitsHit, string tags, long schemaVersion)
    {
        w.WriteNumber("txn_ts", txnTs);
        WriteStats(w, m, retries, started, limitsHit);
        if (tags.Length > 0) w.WriteString("query_tags", tags);
        w.WriteNumber("schema_version", schemaVersion);
    }

    private static void WriteStats(Utf8JsonWriter w, Metering m, int retries, long started, List<string> limitsHit)
    {
        w.WriteStartObject("stats");
        w.WriteNumber("compute_ops", m.ComputeOps);
        w.WriteNumber("read_ops", m.ReadOps);
        w.WriteNumber("write_ops", m.WriteOps);
        w.WriteNumber("query_time_ms", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        w.WriteNumber("contention_retries", retries);
        w.WriteNumber("storage_bytes_read", m.BytesRead);
        w.WriteNumber("storage_bytes_write", m.BytesWritten);
        WireParts.EndStats(w, limitsHit);
    }

    private static bool TryHeaderInt(HttpRequest req, string name, long min, long max, long fallback, out long value)
    {
        var raw = req.Headers[name].ToString();
        value = fallback;
        if (raw.Length == 0) return true;
        return long.TryParse(raw, out value) && value >= min && value <= max;
    }

    /// <summary>The body, or null when it is larger than allowed.</summary>
    private async Task<byte[]?> ReadBody(HttpRequest req)
    {
        if (req.ContentLength > options.MaxRequestBytes) return null;
        using var ms = new MemoryStream();
        var buffer = new byte[16384];
        int n;
        while ((n = await req.Body.ReadAsync(buffer)) > 0)
        {
            ms.Write(buffer, 0, n);
            if (ms.Length > options.MaxRequestBytes) return null;
        }
        return ms.ToArray();
    }

    private static Task Unauthorized(HttpContext ctx, string message)
    {
        ctx.Response.Headers.WWWAuthenticate = "Bearer";
        return Protocol(ctx, 401, "unauthorized", message);
    }

    public static Task Protocol(HttpContext ctx, int status, string code, string message) =>
        JsonAnswer.WriteAsync(ctx, status, w => WireParts.Error(w, code, message));
}
