namespace FaunaLocal.Engine.Streams;

/// <summary>
/// The token an event source travels as (`{"@stream": "…"}`): the set with its stages (functions as syntax
/// trees with what they captured, as in pagination cursors), the watched fields and the start position. It
/// holds no server state, so it survives restarts; the secret that presents it decides the database.
/// </summary>
public static class EventSourceToken
{
    public static string Encode(EventSourceValue source, EventCursor start)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("set", SetCursor.Encode(source.Set, null, null, Methods.SetMethods.DefaultPageSize));
            w.WriteStartArray("on");
            foreach (var f in source.Watched) w.WriteStringValue(f.ToString());
            w.WriteEndArray();
            w.WriteNumber("ts", start.Ts);
            w.WriteNumber("ord", start.Ord);
            w.WriteEndObject();
        }
        return Convert.ToBase64String(buffer.WrittenSpan);
    }

    /// <summary>The source with its start, or null when the text is not a token.</summary>
    public static EventSourceValue? Decode(string token)
    {
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
            var root = doc.RootElement;
            var set = SetCursor.Decode(root.GetProperty("set").GetString()!).Set;
            var watched = root.GetProperty("on").EnumerateArray().Select(f => FieldPath.Parse(f.GetString()!)).ToImmutableArray();
            var start = new EventCursor(root.GetProperty("ts").GetInt64(), root.GetProperty("ord").GetInt32());
            var source = new EventSourceValue(set, watched, start);
            var followable = (source.Index != null || source.Document != null) && set.Stages.All(s => s is WhereStage or MapStage);
            return followable ? source : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or QueryException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A key for what the source computes (not where it starts): subscribers with equal keys share events.</summary>
    public static string SourceKey(EventSourceValue source) =>
        SetCursor.Encode(source.Set, null, null, Methods.SetMethods.DefaultPageSize) + "|" + string.Join(",", source.Watched);
}
