namespace FaunaLocal.Storage;

/// <summary>JSON form of write operations (log records) and of whole states (snapshots).</summary>
public static class StorageCodec
{
    private static readonly TaggedWriter Writer = new();

    public static Document NewDocument(long id, long ts, ObjectValue data, long? ttl = null) =>
        new(id, ts, data, TaggedWriter.ToBytes(Writer, data).Length + (ttl == null ? 24 : 32), ttl);

    public static byte[] EncodeRecord(long ts, IReadOnlyList<WriteOp> ops)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("ts", ts);
            w.WriteStartArray("ops");
            foreach (var op in ops) WriteOp(w, op);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static (long Ts, List<WriteOp> Ops) DecodeRecord(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        var root = doc.RootElement;
        return (root.GetProperty("ts").GetInt64(), root.GetProperty("ops").EnumerateArray().Select(ReadOp).ToList());
    }

    private static void WritePath(Utf8JsonWriter w, ImmutableArray<string> path)
    {
        w.WriteStartArray("path");
        foreach (var p in path) w.WriteStringValue(p);
        w.WriteEndArray();
    }

    private static void WriteOp(Utf8JsonWriter w, WriteOp op)
    {
        var (name, writeFields) = Form(op);
        w.WriteStartObject();
        WritePath(w, op.Path);
        w.WriteString("op", name);
        writeFields(w);
        w.WriteEndObject();
    }

    /// <summary>An operation's name in the log and a writer of its own fields, as <see cref="ReadOp"/> takes them.</summary>
    private static (string Op, Action<Utf8JsonWriter> Fields) Form(WriteOp op) => op switch
    {
        PutDocument p => ("put", w => { w.WriteString("coll", p.Collection); WriteDocFields(w, p.Doc); }),
        DeleteDocument d => ("del", w => { w.WriteString("coll", d.Collection); w.WriteString("id", d.Id.ToString(CultureInfo.InvariantCulture)); }),
        PutCollection c => ("coll", w => { w.WritePropertyName("schema"); WriteSchema(w, c.Schema); }),
        DeleteCollection c => ("dropcoll", w => w.WriteString("name", c.Name)),
        PutDatabase d => ("db", w => w.WriteString("name", d.Name)),
        DeleteDatabase d => ("dropdb", w => w.WriteString("name", d.Name)),
        PutKey k => ("key", w => WriteKeyFields(w, k.Key)),
        DeleteKey k => ("dropkey", w => w.WriteString("secret", k.Secret)),
        PutFunction f => ("fn", w => { w.WritePropertyName("fn"); WriteFunction(w, f.Function); }),
        DeleteFunction f => ("dropfn", w => w.WriteString("name", f.Name)),
        _ => throw new InvalidOperationException($"No log form for {op.GetType().Name}"),
    };

    private static void WriteDocFields(Utf8JsonWriter w, Document doc)
    {
        w.WriteString("id", doc.Id.ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("ts", doc.Ts);
        if (doc.Ttl is { } ttl) w.WriteNumber("ttl", ttl);
        w.WritePropertyName("data");
        Writer.Write(w, doc.Data);
    }

    private static Document ReadDoc(JsonElement e) => NewDocument(
        long.Parse(e.GetProperty("id").GetString()!, CultureInfo.InvariantCulture),
        e.GetProperty("ts").GetInt64(),
        (ObjectValue)TaggedReader.Stored.Read(e.GetProperty("data")),
        e.TryGetProperty("ttl", out var ttl) ? ttl.GetInt64() : null);

    private static void WriteKeyFields(Utf8JsonWriter w, KeyRecord k)
    {
        w.WriteNumber("id", k.Id);
        w.WriteString("secret", k.Secret);
        w.WriteString("role", k.Role);
        w.WriteNumber("ts", k.Ts);
        w.WriteStartArray("keyPath");
        foreach (var p in k.Path) w.WriteStringValue(p);
        w.WriteEndArray();
    }

    private static KeyRecord ReadKey(JsonElement e) => new(
        e.GetProperty("id").GetInt64(), e.GetProperty("secret").GetString()!,
        [.. e.GetProperty("keyPath").EnumerateArray().Select(p => p.GetString()!)],
        e.GetProperty("role").GetString()!, e.GetProperty("ts").GetInt64());

    private static WriteOp ReadOp(JsonElement e)
    {
        ImmutableArray<string> path = [.. e.GetProperty("path").EnumerateArray().Select(p => p.GetString()!)];
        string S(string name) => e.GetProperty(name).GetString()!;
        return S("op") switch
        {
            "put" => new PutDocument(path, S("coll"), ReadDoc(e)),
            "del" => new DeleteDocument(path, S("coll"), long.Parse(S("id"), CultureInfo.InvariantCulture)),
            "coll" => new PutCollection(path, ReadSchema(e.GetProperty("schema"))),
            "dropcoll" => new DeleteCollection(path, S("name")),
            "db" => new PutDatabase(path, S("name")),
            "dropdb" => new DeleteDatabase(path, S("name")),
            "key" => new PutKey(ReadKey(e)),
            "dropkey" => new DeleteKey(path, S("secret")),
            "fn" => new PutFunction(path, ReadFunction(e.GetProperty("fn"))),
            "dropfn" => new DeleteFunction(path, S("name")),
            var other => throw new FormatException($"Unknown log operation `{other}`"),
        };
    }

    private static void WriteFunction(Utf8JsonWriter w, FunctionDefinition f)
    {
        w.WriteStartObject();
        w.WriteString("name", f.Name);
        w.WriteString("body", f.Body);
        if (f.Signature != null) w.WriteString("signature", f.Signature);
        if (f.Data != null)
        {
            w.WritePropertyName("data");
            Writer.Write(w, f.Data);
        }
        w.WriteNumber("ts", f.Ts);
        w.WriteEndObject();
    }

    private static FunctionDefinition ReadFunction(JsonElement e) => new(
        e.GetProperty("name").GetString()!,
        e.GetProperty("body").GetString()!,
        e.TryGetProperty("signature", out var sig) ? sig.GetString() : null,
        e.TryGetProperty("data", out var data) ? (ObjectValue)TaggedReader.Stored.Read(data) : null,
        e.GetProperty("ts").GetInt64());

    private static void WriteSchema(Utf8JsonWriter w, CollectionSchema s)
    {
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteNumber("ts", s.Ts);
        w.WriteStartArray("indexes");
        foreach (var ix in s.Indexes)
        {
            w.WriteStartObject();
            w.WriteString("name", ix.Name);
            w.WriteStartArray("terms");
            foreach (var t in ix.Terms) w.WriteStringValue(t.ToString());
            w.WriteEndArray();
            w.WriteStartArray("values");
            foreach (var v in ix.Values)
            {
                w.WriteStartObject();
                w.WriteString("field", v.Field.ToString());
                w.WriteBoolean("desc", v.Descending);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("uniques");
        foreach (var u in s.Uniques)
        {
            w.WriteStartArray();
            foreach (var f in u.Fields) w.WriteStringValue(f.ToString());
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static CollectionSchema ReadSchema(JsonElement e) => new(
        e.GetProperty("name").GetString()!,
        [.. e.GetProperty("indexes").EnumerateArray().Select(ix => new IndexDefinition(
            ix.GetProperty("name").GetString()!,
            [.. ix.GetProperty("terms").EnumerateArray().Select(t => FieldPath.Parse(t.GetString()!))],
            [.. ix.GetProperty("values").EnumerateArray().Select(v => new IndexValue(FieldPath.Parse(v.GetProperty("field").GetString()!), v.GetProperty("desc").GetBoolean()))]))],
        [.. e.GetProperty("uniques").EnumerateArray().Select(u => new UniqueConstraint([.. u.EnumerateArray().Select(f => FieldPath.Parse(f.GetString()!))]))],
        e.GetProperty("ts").GetInt64());

    public static void WriteSnapshot(Stream stream, StoreState state)
    {
        using var w = new Utf8JsonWriter(stream);
        w.WriteStartObject();
        w.WriteNumber("lastTs", state.LastTs);
        w.WriteStartArray("keys");
        foreach (var k in state.Keys.Values)
        {
            w.WriteStartObject();
            WriteKeyFields(w, k);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("root");
        WriteDatabase(w, state.Root);
        w.WriteEndObject();
    }

    private static void WriteDatabase(Utf8JsonWriter w, DatabaseState db)
    {
        w.WriteStartObject();
        w.WriteNumber("schemaTs", db.SchemaTs);
        w.WriteStartArray("collections");
        foreach (var c in db.Collections.Values)
        {
            w.WriteStartObject();
            w.WritePropertyName("schema");
            WriteSchema(w, c.Schema);
            w.WriteStartArray("docs");
            foreach (var id in c.Ids)
            {
                w.WriteStartObject();
                WriteDocFields(w, c.Docs[id]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("functions");
        foreach (var f in db.Functions.Values) WriteFunction(w, f);
        w.WriteEndArray();
        w.WriteStartArray("children");
        foreach (var child in db.Children.Values)
        {
            w.WriteStartObject();
            w.WriteString("name", child.Name);
            w.WriteNumber("ts", child.Ts);
            w.WritePropertyName("db");
            WriteDatabase(w, child.State);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static StoreState ReadSnapshot(JsonElement e) => new(
        ReadDatabase(e.GetProperty("root")),
        e.GetProperty("keys").EnumerateArray().Select(ReadKey).ToImmutableDictionary(k => k.Secret),
        e.GetProperty("lastTs").GetInt64());

    private static DatabaseState ReadDatabase(JsonElement e)
    {
        var collections = ImmutableDictionary.CreateBuilder<string, CollectionState>();
        foreach (var c in e.GetProperty("collections").EnumerateArray())
        {
            var schema = ReadSchema(c.GetProperty("schema"));
            var docs = c.GetProperty("docs").EnumerateArray().Select(ReadDoc).ToList();
            var state = CollectionState.Create(schema) with
            {
                Docs = docs.ToImmutableDictionary(d => d.Id),
                Ids = [.. docs.Select(d => d.Id)],
            };
            collections[schema.Name] = state.WithSchema(schema);
        }
        var children = e.GetProperty("children").EnumerateArray()
            .Select(ch => new ChildDatabase(ch.GetProperty("name").GetString()!, ch.GetProperty("ts").GetInt64(), ReadDatabase(ch.GetProperty("db"))))
            .ToImmutableDictionary(ch => ch.Name);
        var functions = e.TryGetProperty("functions", out var fns)
            ? fns.EnumerateArray().Select(ReadFunction).ToImmutableDictionary(f => f.Name)
            : ImmutableDictionary<string, FunctionDefinition>.Empty;
        return new DatabaseState(collections.ToImmutable(), children, e.GetProperty("schemaTs").GetInt64()) { Functions = functions };
    }
}
