namespace FaunaLocal.Engine.Streams;

/// <summary>What producing an event cost, as Fauna reports it in every event's `stats`.</summary>
public sealed record EventStats(long ReadOps, long StorageBytesRead, long ComputeOps, long ProcessingTimeMs)
{
    public static readonly EventStats Zero = new(0, 0, 0, 0);

    public static EventStats Of(Metering m, long processingTimeMs) => new(m.ReadOps, m.BytesRead, m.ComputeOps, processingTimeMs);

    public EventStats Plus(EventStats other) => new(ReadOps + other.ReadOps, StorageBytesRead + other.StorageBytesRead,
        ComputeOps + other.ComputeOps, ProcessingTimeMs + other.ProcessingTimeMs);
}

public sealed record EventError(string Code, string Message, byte[]? Abort);

/// <summary>
/// One event of a stream or feed: `status`, `add`, `update`, `remove` or `error`. Data is the tagged JSON of
/// the document (or of what the source's map made of it). An error ends a stream.
/// </summary>
public sealed record StreamEvent(string Type, EventCursor Cursor, byte[]? Data, EventError? Error, EventStats Stats)
{
    public bool IsError => Error != null;

    public static StreamEvent Status(EventCursor cursor, EventStats? stats = null) => new("status", cursor, null, null, stats ?? EventStats.Zero);

    public static StreamEvent Failure(string code, string message, EventCursor cursor = default, byte[]? abort = null) =>
        new("error", cursor, null, new EventError(code, message, abort), EventStats.Zero);

    /// <summary>Writes the event in Fauna's wire shape; rate limits are the subscriber's own, so they come separately.</summary>
    public void Write(Utf8JsonWriter w, IReadOnlyList<string> rateLimitsHit)
    {
        w.WriteStartObject();
        w.WriteString("type", Type);
        if (Error != null)
        {
            WireParts.Error(w, Error.Code, Error.Message, Error.Abort);
        }
        else
        {
            if (Data != null)
            {
                w.WritePropertyName("data");
                w.WriteRawValue(Data, skipInputValidation: true);
            }
            w.WriteNumber("txn_ts", Cursor.Ts);
            w.WriteString("cursor", Cursor.Encode());
        }
        w.WritePropertyName("stats");
        WriteStats(w, Stats, rateLimitsHit);
        w.WriteEndObject();
    }

    public static void WriteStats(Utf8JsonWriter w, EventStats s, IReadOnlyList<string> rateLimitsHit)
    {
        w.WriteStartObject();
        w.WriteNumber("read_ops", s.ReadOps);
        w.WriteNumber("storage_bytes_read", s.StorageBytesRead);
        w.WriteNumber("compute_ops", s.ComputeOps);
        w.WriteNumber("processing_time_ms", s.ProcessingTimeMs);
        WireParts.EndStats(w, rateLimitsHit);
    }
}
