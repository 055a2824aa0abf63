namespace FaunaLocal.Engine;

/// <summary>Parts of Fauna's wire answers that queries, streams and feeds write alike.</summary>
public static class WireParts
{
    /// <summary>Starts the `error` object with its code, message and abort value; the caller adds anything else and ends it.</summary>
    public static void StartError(Utf8JsonWriter w, string code, string message, byte[]? abort = null)
    {
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        if (abort != null)
        {
            w.WritePropertyName("abort");
            w.WriteRawValue(abort, skipInputValidation: true);
        }
    }

    public static void Error(Utf8JsonWriter w, string code, string message, byte[]? abort = null)
    {
        StartError(w, code, message, abort);
        w.WriteEndObject();
    }

    /// <summary>The rate limits this answer ran into, last in its `stats`, which it then ends.</summary>
    public static void EndStats(Utf8JsonWriter w, IEnumerable<string> rateLimitsHit)
    {
        w.WriteStartArray("rate_limits_hit");
        foreach (var l in rateLimitsHit) w.WriteStringValue(l);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
