namespace FaunaLocal.Values;

/// <summary>Reads tagged (or simple) JSON into values. Malformed tags raise FormatException.</summary>
public sealed class TaggedReader(bool tagged = true, Func<string, Value>? setFromCursor = null, Func<string, JsonElement, Value?>? extension = null)
{
    public static readonly TaggedReader Stored = new();

    public Value Read(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined: return NullValue.Instance;
            case JsonValueKind.True: return BoolValue.True;
            case JsonValueKind.False: return BoolValue.False;
            case JsonValueKind.String: return new StringValue(e.GetString()!);
            case JsonValueKind.Number:
                if (e.TryGetInt32(out var i)) return new IntValue(i);
                if (e.TryGetInt64(out var l)) return new LongValue(l);
                return new DoubleValue(e.GetDouble());
            case JsonValueKind.Array:
                return new ArrayValue(e.EnumerateArray().Select(Read).ToImmutableArray());
        }

        if (tagged)
        {
            using var props = e.EnumerateObject();
            if (props.MoveNext() && props.Current.Name.StartsWith('@'))
            {
                var tag = props.Current;
                if (props.MoveNext()) throw new FormatException($"A tagged value `{tag.Name}` must be the only key of its object");
                return ReadTag(tag.Name, tag.Value);
            }
        }
        return ReadObject(e);
    }

    private ObjectValue ReadObject(JsonElement e)
    {
        var fields = new OrderedDictionary<string, Value>();
        foreach (var p in e.EnumerateObject()) fields[p.Name] = Read(p.Value);
        return new ObjectValue(fields);
    }

    private Value ReadTag(string tag, JsonElement payload)
    {
        string S() => payload.ValueKind == JsonValueKind.String ? payload.GetString()! : throw new FormatException($"`{tag}` expects a string");
        switch (tag)
        {
            case "@int":
                return int.TryParse(S(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                    ? new IntValue(i) : throw new FormatException($"Invalid @int `{S()}`");
            case "@long":
                return long.TryParse(S(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                    ? new LongValue(l) : throw new FormatException($"Invalid @long `{S()}`");
            case "@double":
                return new DoubleValue(S() switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    var d => double.TryParse(d, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : throw new FormatException($"Invalid @double `{d}`"),
                });
            case "@date":
                return DateOnly.TryParseExact(S(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? new DateValue(date) : throw new FormatException($"Invalid @date `{S()}`");
            case "@time":
                return new TimeValue(TimeParsing.ParseMicros(S()) ?? throw new FormatException($"Invalid @time `{S()}`"));
            case "@bytes":
                try { return new BytesValue(Convert.FromBase64String(S())); }
                catch (FormatException) { throw new FormatException("Invalid @bytes: not base64"); }
            case "@uuid":
                return Guid.TryParse(S(), out var g) ? new UuidValue(g) : throw new FormatException($"Invalid @uuid `{S()}`");
            case "@mod":
                return new ModuleValue(S());
            case "@object":
                return payload.ValueKind == JsonValueKind.Object ? ReadObject(payload) : throw new FormatException("`@object` expects an object");
            case "@ref" or "@doc":
                return ReadRef(tag, payload);
            case "@set":
                if (payload.ValueKind == JsonValueKind.String && setFromCursor != null) return setFromCursor(S());
                throw new FormatException("A set can only be passed as its cursor string");
            default:
                return extension?.Invoke(tag, payload) ?? throw new FormatException($"Unknown tag `{tag}`");
        }
    }

    private static Value ReadRef(string tag, JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("coll", out var coll))
            throw new FormatException($"`{tag}` expects an object with `coll`");
        var module = coll.ValueKind == JsonValueKind.Object && coll.TryGetProperty("@mod", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!
            : coll.ValueKind == JsonValueKind.String ? coll.GetString()! : throw new FormatException("`coll` must be a module");
        if (payload.TryGetProperty("id", out var id))
        {
            var text = id.ValueKind == JsonValueKind.String ? id.GetString() : id.ToString();
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? new DocRefValue(module, n) : throw new FormatException($"Invalid document id `{text}`");
        }
        if (payload.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            return new NamedDocValue(module, name.GetString()!);
        throw new FormatException($"`{tag}` expects an `id` or a `name`");
    }
}

public static class TimeParsing
{
    /// <summary>Parses an ISO-8601 instant (with offset or Z) to microseconds since the epoch.</summary>
    public static long? ParseMicros(string s)
    {
        if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto))
            return null;
        if (!s.Contains('T') && !s.Contains(' ')) return null;
        return (dto.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;
    }
}
