namespace FaunaLocal.Server;

/// <summary>How a FaunaLocal server runs. Defaults match the official drivers' local setup.</summary>
public sealed record FaunaLocalOptions
{
    /// <summary>TCP port; 0 picks a free one (read the URL from StartAsync).</summary>
    public int Port { get; init; } = 8443;

    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The root secret, with admin rights on the top database.</summary>
    public string Secret { get; init; } = "secret";

    /// <summary>Directory for the snapshot and transaction log; null keeps everything in memory.</summary>
    public string? DataDirectory { get; init; }

    public RateLimits Limits { get; init; } = RateLimits.None;

    /// <summary>Timeout for queries that send no X-Query-Timeout-Ms.</summary>
    public int DefaultQueryTimeoutMs { get; init; } = 30_000;

    public long MaxRequestBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Write request/startup logs to the console (standalone mode).</summary>
    public bool Verbose { get; init; }

    /// <summary>How much of the commit log event streams and feeds can replay (Fauna: 15 minutes without history_days).</summary>
    public Storage.CommitHistory.Limits EventHistory { get; init; } = Storage.CommitHistory.Limits.Default;

    /// <summary>How often an open stream sends a `status` event (Fauna: every 5 minutes), keeping its cursor inside the history.</summary>
    public TimeSpan StreamStatusInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Streams open at once; one more is refused with 429 limit_exceeded.</summary>
    public int MaxStreams { get; init; } = 10_000;
}

/// <summary>
/// Per-second read/write/compute op limits, applied per secret. Hard limits refuse queries with 429 once a
/// second's budget is spent; soft limits only report the overrun in `stats.rate_limits_hit`.
/// </summary>
public sealed record RateLimits(long? Read, long? Write, long? Compute, bool Hard)
{
    public static readonly RateLimits None = new(null, null, null, true);

    public bool Enabled => Read != null || Write != null || Compute != null;

    /// <summary>Parses `read=500,write=100,compute=500`.</summary>
    public static RateLimits Parse(string text, bool hard)
    {
        long? read = null, write = null, compute = null;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !long.TryParse(kv[1], out var n) || n <= 0)
                throw new FormatException($"Invalid limit `{part}`: expected name=positive-number");
            switch (kv[0])
            {
                case "read": read = n; break;
                case "write": write = n; break;
                case "compute": compute = n; break;
                default: throw new FormatException($"Unknown limit `{kv[0]}`: use read, write or compute");
            }
        }
        return new RateLimits(read, write, compute, hard);
    }
}
