namespace FaunaLocal.Engine.Sets;

public sealed record DecodedCursor(SetValue Set, Value[]? After, int[]? Counters, int PageSize);

/// <summary>
/// Pagination cursors are self-contained: the set's source and stages (functions as syntax trees with the
/// values they captured), the key of the last element returned, and the take/drop progress. They hold no
/// server state, survive restarts, and stay valid while documents are written.
/// </summary>
public static class SetCursor
{
    private sealed class CursorWriter : TaggedWriter
    {
        protected override void WriteOther(Utf8JsonWriter w, Value v)
        {
            switch (v)
            {
                case FunctionValue f:
                    w.WriteStartObject();
                    w.WritePropertyName("@fn");
                    WriteFunction(w, f, this);
                    w.WriteEndObject();
                    break;
                case OrderingValue o:
                    w.WriteStartObject();
                    w.WritePropertyName("@ord");
                    w.WriteStartObject();
                    w.WriteBoolean("desc", o.Descending);
                    w.WritePropertyName("fn");
                    WriteFunction(w, o.Key, this);
                    w.WriteEndObject();
                    w.WriteEndObject();
                    break;
                case SetValue s:
                    w.WriteStartObject();
                    w.WriteString("@set", Encode(s, null, null, s.PageSize ?? Methods.SetMethods.DefaultPageSize));
                    w.WriteEndObject();
                    break;
                default:
                    base.WriteOther(w, v);
                    break;
            }
        }
    }

    private static readonly CursorWriter Writer = new();

    private static readonly TaggedReader Reader = new(true, s => Decode(s).Set, (tag, payload) => tag switch
    {
        "@fn" => ReadFunction(payload),
        "@ord" => new OrderingValue(ReadFunction(payload.GetProperty("fn")), payload.GetProperty("desc").GetBoolean()),
        _ => null,
    });

    public static string Encode(SetValue set, Value[]? after, int[]? counters, int pageSize)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        try
        {
            using var w = new Utf8JsonWriter(buffer);
            w.WriteStartObject();
            w.WritePropertyName("src");
            WriteSource(w, set.Source);
            w.WriteStartArray("st");
            foreach (var stage in set.Stages) WriteStage(w, stage);
            w.WriteEndArray();
            w.WriteNumber("ps", pageSize);
            if (after != null)
            {
                w.WriteStartArray("after");
                foreach (var k in after) Writer.Write(w, k);
                w.WriteEndArray();
            }
            if (counters != null && counters.Any(c => c != 0))
            {
                w.WriteStartArray("cnt");
                foreach (var c in counters) w.WriteNumberValue(c);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        catch (StoreValueException e)
        {
            throw QueryException.InvalidArgument($"This set cannot be paginated: {e.Message}. Use named lambdas instead of built-in method references.");
        }
        return Convert.ToBase64String(buffer.WrittenSpan).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static DecodedCursor Decode(string cursor)
    {
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(b64)));
            var root = doc.RootElement;
            var source = ReadSource(root.GetProperty("src"));
            var stages = root.GetProperty("st").EnumerateArray().Select(ReadStage).ToImmutableArray();
            var size = root.GetProperty("ps").GetInt32();
            var after = root.TryGetProperty("after", out var a) ? a.EnumerateArray().Select(Reader.Read).ToArray() : null;
            var counters = root.TryGetProperty("cnt", out var c) ? c.EnumerateArray().Select(x => x.GetInt32()).ToArray() : null;
            return new DecodedCursor(new SetValue(source, stages, size), after, counters, size);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or InvalidCastException or IndexOutOfRangeException)
        {
            throw QueryException.InvalidArgument("Invalid pagination cursor.");
        }
    }

    private static void WriteSource(Utf8JsonWriter w, SetSource source)
    {
        w.WriteStartObject();
        switch (source)
        {
            case IndexSource s:
                w.WriteString("coll", s.Collection);
                if (s.Index != null) w.WriteString("index", s.Index);
                w.WriteStartArray("terms");
                foreach (var t in s.Terms) Writer.Write(w, t);
                w.WriteEndArray();
                break;
            case ArraySource a:
                w.WriteStartArray("items");
                foreach (var item in a.Items) Writer.Write(w, item);
                w.WriteEndArray();
                break;
        }
        w.WriteEndObject();
    }

    private static SetSource ReadSource(JsonElement e) =>
        e.TryGetProperty("items", out var items)
            ? new ArraySource([.. items.EnumerateArray().Select(Reader.Read)])
            : new IndexSource(e.GetProperty("coll").GetString()!,
                e.TryGetProperty("index", out var ix) ? ix.GetString() : null,
                [.. e.GetProperty("terms").EnumerateArray().Select(Reader.Read)]);

    private static void WriteStage(Utf8JsonWriter w, SetStage stage)
    {
        var (kind, writeFields) = Form(stage);
        w.WriteStartObject();
        w.WriteString("k", kind);
        writeFields(w);
        w.WriteEndObject();
    }

    /// <summary>A stage's kind in the cursor and a writer of its own fields, as <see cref="ReadStage"/> takes them.</summary>
    private static (string Kind, Action<Utf8JsonWriter> Fields) Form(SetStage stage) => stage switch
    {
        WhereStage s => ("where", w => WriteFunctionField(w, s.Predicate)),
        MapStage s => ("map", w => WriteFunctionField(w, s.Mapper)),
        OrderStage s => ("order", w =>
        {
            w.WriteStartArray("by");
            foreach (var o in s.Orderings) Writer.Write(w, o);
            w.WriteEndArray();
        }),
        TakeStage s => ("take", w => w.WriteNumber("n", s.Count)),
        DropStage s => ("drop", w => w.WriteNumber("n", s.Count)),
        _ => throw new InvalidOperationException($"No cursor form for {stage.GetType().Name}"),
    };

    private static void WriteFunctionField(Utf8JsonWriter w, FunctionValue fn)
    {
        w.WritePropertyName("fn");
        WriteFunction(w, fn, Writer);
    }

    private static SetStage ReadStage(JsonElement e) => e.GetProperty("k").GetString() switch
    {
        "where" => new WhereStage(ReadFunction(e.GetProperty("fn"))),
        "map" => new MapStage(ReadFunction(e.GetProperty("fn"))),
        "order" => new OrderStage([.. e.GetProperty("by").EnumerateArray().Select(o => (OrderingValue)Reader.Read(o))]),
        "take" => new TakeStage(e.GetProperty("n").GetInt32()),
        "drop" => new DropStage(e.GetProperty("n").GetInt32()),
        var k => throw new FormatException($"Unknown stage `{k}`"),
    };

    private static void WriteFunction(Utf8JsonWriter w, FunctionValue f, TaggedWriter values)
    {
        if (f is not LambdaValue l) throw new StoreValueException($"the built-in function `{f.Name}` has no serializable form");
        w.WriteStartObject();
        w.WritePropertyName("ast");
        AstCodec.Write(w, l.Node, values);
        w.WriteStartObject("env");
        foreach (var name in AstCodec.FreeVariables(l.Node).Order(StringComparer.Ordinal))
        {
            if (!l.Closure.TryGet(name, out var captured)) continue;
            w.WritePropertyName(name);
            values.Write(w, captured);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static LambdaValue ReadFunction(JsonElement e)
    {
        var node = AstCodec.Read(e.GetProperty("ast"), Reader) as Lambda ?? throw new FormatException("A cursor function must be a lambda");
        var env = new Env(null);
        foreach (var p in e.GetProperty("env").EnumerateObject()) env.Define(p.Name, Reader.Read(p.Value));
        return new LambdaValue(node, env);
    }
}
