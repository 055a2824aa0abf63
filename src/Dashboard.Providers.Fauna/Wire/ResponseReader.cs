namespace Dashboard.Providers.Fauna.Wire;

/// <summary>Reads an answer of <c>POST /query/1</c>: data and stats on success, error fields otherwise.</summary>
internal static class ResponseReader
{
    public static QueryResponse Success(JsonElement root) => new(
        root.TryGetProperty("data", out var data) ? TaggedJson.Read(data) : null,
        root.TryGetProperty("txn_ts", out var ts) && ts.TryGetInt64(out var txn) ? txn : 0,
        Stats(root),
        root.TryGetProperty("query_tags", out var tags) ? tags.GetString() : null);

    public static FaunaException Error(int status, JsonElement root)
    {
        if (!root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            return new FaunaException(status, "unknown", $"an answer without an error object (HTTP {status})", stats: Stats(root));
        var failures = new List<ConstraintFailure>();
        if (error.TryGetProperty("constraint_failures", out var cf) && cf.ValueKind == JsonValueKind.Array)
        {
            foreach (var f in cf.EnumerateArray())
            {
                var paths = new List<IReadOnlyList<string>>();
                if (f.TryGetProperty("paths", out var ps) && ps.ValueKind == JsonValueKind.Array)
                    foreach (var p in ps.EnumerateArray())
                        paths.Add(p.ValueKind == JsonValueKind.Array ? p.EnumerateArray().Select(s => s.ToString()).ToList() : [p.ToString()]);
                failures.Add(new ConstraintFailure(paths, f.TryGetProperty("message", out var m) ? m.GetString() ?? "" : ""));
            }
        }
        return new FaunaException(
            status,
            error.TryGetProperty("code", out var code) ? code.GetString() ?? "unknown" : "unknown",
            error.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "",
            root.TryGetProperty("summary", out var summary) ? summary.GetString() : null,
            error.TryGetProperty("abort", out var abort) ? TaggedJson.Read(abort) : null,
            failures,
            Stats(root));
    }

    public static QueryStats Stats(JsonElement root)
    {
        if (!root.TryGetProperty("stats", out var s) || s.ValueKind != JsonValueKind.Object) return QueryStats.Empty;
        var hit = s.TryGetProperty("rate_limits_hit", out var h) && h.ValueKind == JsonValueKind.Array
            ? h.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
            : [];
        return new QueryStats(
            Long(s, "read_ops"), Long(s, "write_ops"), Long(s, "compute_ops"),
            Long(s, "storage_bytes_read"), Long(s, "storage_bytes_write"), Long(s, "query_time_ms"),
            (int)Long(s, "contention_retries"), hit);
    }

    private static long Long(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : 0;
}
