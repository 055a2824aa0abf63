using System.Collections;

namespace Dashboard.Providers.Fauna.Wire;

/// <summary>
/// Fauna's tagged JSON format both ways. Writing: .NET values to tagged values (<c>@int</c>, <c>@long</c>,
/// <c>@double</c>, <c>@time</c>, <c>@date</c>, objects wrapped in <c>@object</c> when a key starts with "@").
/// Reading: documents, refs (also missing ones), sets and pages, modules and scalars to plain .NET values
/// (<see cref="FaunaDocument"/>, <see cref="FaunaRef"/>, <see cref="FaunaPage"/>, dictionaries and lists).
/// </summary>
public static class TaggedJson
{
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static void Write(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: Tag(w, "@int", i.ToString(CultureInfo.InvariantCulture)); break;
            case long l: Tag(w, "@long", l.ToString(CultureInfo.InvariantCulture)); break;
            case double d: Tag(w, "@double", FormatDouble(d)); break;
            case DateTimeOffset t: Tag(w, "@time", t.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)); break;
            case DateOnly d: Tag(w, "@date", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case Guid g: Tag(w, "@uuid", g.ToString()); break;
            case byte[] bytes: Tag(w, "@bytes", Convert.ToBase64String(bytes)); break;
            case FaunaModule m: Tag(w, "@mod", m.Name); break;
            case IEnumerable<KeyValuePair<string, object?>> fields: WriteObject(w, fields); break;
            case IEnumerable items:
                w.WriteStartArray();
                foreach (var item in items) Write(w, item);
                w.WriteEndArray();
                break;
            // decimal, float and others have no exact Fauna type: callers convert (money travels as whole cents).
            default: throw new ArgumentException($"A {value.GetType().Name} has no Fauna wire form.", nameof(value));
        }
    }

    private static void WriteObject(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var list = fields as IReadOnlyCollection<KeyValuePair<string, object?>> ?? fields.ToList();
        var wrap = list.Any(f => f.Key.StartsWith('@'));
        if (wrap)
        {
            w.WriteStartObject();
            w.WritePropertyName("@object");
        }
        w.WriteStartObject();
        foreach (var (key, item) in list)
        {
            w.WritePropertyName(key);
            Write(w, item);
        }
        w.WriteEndObject();
        if (wrap) w.WriteEndObject();
    }

    private static void Tag(Utf8JsonWriter w, string tag, string payload)
    {
        w.WriteStartObject();
        w.WriteString(tag, payload);
        w.WriteEndObject();
    }

    private static string FormatDouble(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity"
        : d.ToString("R", CultureInfo.InvariantCulture);

    public static object? Read(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined: return null;
            case JsonValueKind.String: return e.GetString();
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            // Tagged answers tag every number; plain numbers appear only in the simple format or in stats.
            case JsonValueKind.Number: return e.TryGetInt64(out var n) ? n : e.GetDouble();
            case JsonValueKind.Array:
                var list = new List<object?>(e.GetArrayLength());
                foreach (var item in e.EnumerateArray()) list.Add(Read(item));
                return list;
        }
        using var props = e.EnumerateObject();
        if (props.MoveNext() && props.Current.Name.StartsWith('@'))
        {
            var tag = props.Current;
            if (!props.MoveNext()) return ReadTagged(tag.Name, tag.Value);
        }
        return ReadFields(e);
    }

    private static Dictionary<string, object?> ReadFields(JsonElement e)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject()) fields[p.Name] = Read(p.Value);
        return fields;
    }

    private static object? ReadTagged(string tag, JsonElement payload)
    {
        try
        {
            return tag switch
            {
                "@int" => int.Parse(payload.GetString()!, CultureInfo.InvariantCulture),
                "@long" => long.Parse(payload.GetString()!, CultureInfo.InvariantCulture),
                "@double" => double.Parse(payload.GetString()!, CultureInfo.InvariantCulture),
                "@time" => DateTimeOffset.Parse(payload.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                "@date" => DateOnly.ParseExact(payload.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                "@uuid" => Guid.Parse(payload.GetString()!),
                "@bytes" => Convert.FromBase64String(payload.GetString()!),
                "@mod" => new FaunaModule(payload.GetString()!),
                "@object" => ReadFields(payload),
                "@doc" => ReadDocument(payload),
                "@ref" => ReadRef(payload),
                "@set" => payload.ValueKind == JsonValueKind.String
                    ? new FaunaPage([], payload.GetString())
                    : FaunaPage.From(ReadFields(payload)),
                _ => new Dictionary<string, object?> { [tag] = Read(payload) },
            };
        }
        catch (Exception x) when (x is FormatException or InvalidOperationException or OverflowException)
        {
            throw new FaunaProtocolException($"Malformed {tag} value: {payload.GetRawText()}", x);
        }
    }

    private static object ReadDocument(JsonElement payload)
    {
        var fields = ReadFields(payload);
        // A document that cannot be read (e.g. deleted in the same query) may come back as a missing ref's shape.
        if (fields.GetValueOrDefault("exists") is false) return ToRef(fields);
        // Documents are named by `id`; schema documents (collections, databases) by `name`, which is otherwise a field.
        var id = fields.Remove("id", out var i) ? i as string : null;
        object? name = null;
        if (id is null) fields.Remove("name", out name);
        fields.Remove("coll", out var coll);
        fields.Remove("ts", out var ts);
        return new FaunaDocument(id ?? name as string ?? "", (coll as FaunaModule)?.Name ?? "", ts as DateTimeOffset? ?? default, fields);
    }

    private static FaunaRef ReadRef(JsonElement payload) => ToRef(ReadFields(payload));

    private static FaunaRef ToRef(Dictionary<string, object?> fields) => new(
        fields.GetValueOrDefault("id") as string ?? fields.GetValueOrDefault("name") as string ?? "",
        (fields.GetValueOrDefault("coll") as FaunaModule)?.Name ?? "",
        fields.GetValueOrDefault("exists") is not false,
        fields.GetValueOrDefault("cause") as string);
}
