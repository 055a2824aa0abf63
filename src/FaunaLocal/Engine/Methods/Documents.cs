namespace FaunaLocal.Engine.Methods;

/// <summary>Reading and writing user documents (and access keys, which read like documents of `Key`).</summary>
public static class Documents
{
    private static readonly HashSet<string> Reserved = ["id", "coll", "ts", "data"];

    public static bool Exists(Interpreter interp, DocRefValue d) => Read(interp, d) != null;

    /// <summary>The document's stored state, or null when it does not exist.</summary>
    public static Document? Read(Interpreter interp, DocRefValue d)
    {
        if (d.Collection != "Key") return interp.Txn.ReadDocument(d.Collection, d.Id);
        var key = interp.Txn.State.Keys.Values.FirstOrDefault(k => k.Id == d.Id && k.Path.Take(interp.Txn.DbPath.Length).SequenceEqual(interp.Txn.DbPath));
        return key == null ? null : KeyDocument(interp, key);
    }

    private static Document KeyDocument(Interpreter interp, KeyRecord key)
    {
        var fields = new OrderedDictionary<string, Value> { ["role"] = new StringValue(key.Role) };
        if (key.Path.Length > interp.Txn.DbPath.Length) fields["database"] = new StringValue(string.Join('/', key.Path.Skip(interp.Txn.DbPath.Length)));
        fields["secret"] = new StringValue(key.Secret);
        return new Document(key.Id, key.Ts, new ObjectValue(fields), 64);
    }

    public static QueryException NotFound(DocRefValue d) =>
        new("document_not_found", $"Collection `{d.Collection}` does not contain document with id {d.Id}.");

    public static Value Field(Interpreter interp, DocRefValue d, string name, int pos)
    {
        if (name == "id") return new StringValue(d.Id.ToString(CultureInfo.InvariantCulture));
        if (name == "coll") return new ModuleValue(d.Collection);
        var doc = Read(interp, d);
        if (doc == null)
        {
            var e = NotFound(d);
            e.Pos = pos;
            throw e;
        }
        return name switch
        {
            "ts" => new TimeValue(doc.Ts),
            "ttl" => doc.Ttl is { } ttl ? new TimeValue(ttl) : NullValue.Instance,
            _ => doc.Data.Get(name) ?? NullValue.Instance,
        };
    }

    public static Value? Call(Interpreter interp, DocRefValue d, string name, IReadOnlyList<Value> args)
    {
        switch (name)
        {
            case "exists":
                Args.Count(args, 0, 0, "exists");
                return BoolValue.Of(Exists(interp, d));
            case "update" or "replace":
            {
                Args.Count(args, 1, 1, name);
                var patch = Args.Object(args, 0, name);
                var doc = Read(interp, d) ?? throw NotFound(d);
                if (d.Collection == "Key") throw QueryException.InvalidArgument("Keys cannot be changed; create a new one.");
                var fields = CheckFields(patch, d.Id);
                var data = name == "update" ? Merge(doc.Data, fields) : StripNulls(fields);
                // ttl is metadata: update keeps it unless given (null removes it); replace keeps only a given one.
                var ttl = patch.Has("ttl") || name == "replace" ? Ttl(patch) : doc.Ttl;
                Put(interp, d.Collection, d.Id, data, "update", ttl);
                return d;
            }
            case "delete":
            {
                Args.Count(args, 0, 0, "delete");
                var doc = Read(interp, d) ?? throw NotFound(d);
                if (d.Collection == "Key")
                {
                    var key = interp.Txn.State.Keys.Values.First(k => k.Id == d.Id);
                    interp.Txn.Write(new DeleteKey(interp.Txn.DbPath, key.Secret), 64);
                }
                else
                {
                    var coll = interp.Txn.Collection(d.Collection)!;
                    var indexBytes = coll.Schema.AllIndexes().Sum(def => CollectionState.EntryFor(def, doc).Size);
                    interp.Txn.Write(new DeleteDocument(interp.Txn.DbPath, d.Collection, d.Id), indexBytes + 16);
                }
                interp.Txn.Deleted.Add((d.Collection, d.Id));
                return d;
            }
            default:
                return null;
        }
    }

    /// <summary>Creates a document from user data; `id` may be given, `ts`/`coll` may not.</summary>
    public static DocRefValue Create(Interpreter interp, string collection, ObjectValue input)
    {
        long id;
        if (input.Get("id") is { } given and not NullValue)
        {
            id = Args.Id(given, "create");
            if (interp.Txn.ReadDocument(collection, id) != null)
                throw QueryException.InvalidArgument($"Document with id {id} already exists in collection `{collection}`.");
        }
        else
        {
            do id = interp.Txn.Store.NewId();
            while (interp.Txn.Collection(collection)!.Docs.ContainsKey(id));
        }
        var data = StripNulls(CheckFields(new ObjectValue(input.Fields.Where(f => f.Key != "id")), id));
        Put(interp, collection, id, data, "create", Ttl(input));
        return new DocRefValue(collection, id);
    }

    /// <summary>A document's `ttl`: a Time (µs) from which it reads as missing, or null for none.</summary>
    private static long? Ttl(ObjectValue fields) => fields.Get("ttl") switch
    {
        null or NullValue => null,
        TimeValue t => t.Micros,
        var other => throw QueryException.InvalidArgument($"`ttl` must be a Time, got {other.TypeName}."),
    };

    private static void Put(Interpreter interp, string collection, long id, ObjectValue data, string verb, long? ttl)
    {
        StoredValues.Check(data);
        var ts = interp.Txn.WriteTs;
        var doc = StorageCodec.NewDocument(id, ts, data, ttl);
        var coll = interp.Txn.Collection(collection) ?? throw QueryException.InvalidArgument($"Collection `{collection}` does not exist.");
        var failures = new List<ConstraintFailure>();
        for (var i = 0; i < coll.Schema.Uniques.Length; i++)
        {
            // A document past its ttl no longer exists, so it holds no unique value either.
            if (!coll.UniqueConflicts(i, doc).Any(other => !coll.Docs[other].ExpiredAt(interp.Txn.SnapshotTs))) continue;
            var paths = coll.Schema.Uniques[i].Fields.Select(f => (IReadOnlyList<string>)[.. f.Segments]).ToList();
            failures.Add(new ConstraintFailure(paths, "Failed unique constraint."));
        }
        if (failures.Count > 0)
            throw new QueryException("constraint_failure", $"Failed to {verb} document in collection `{collection}`.") { ConstraintFailures = failures };
        var indexBytes = coll.Schema.AllIndexes().Sum(def => CollectionState.EntryFor(def, doc).Size);
        interp.Txn.Write(new PutDocument(interp.Txn.DbPath, collection, doc), doc.Size + indexBytes);
    }

    private static ObjectValue CheckFields(ObjectValue data, long id)
    {
        foreach (var key in data.Keys)
        {
            if (key == "id" && data.Get("id") is { } v && !(v is NullValue) && Args.Id(v, "update") == id) continue;
            if (Reserved.Contains(key))
                throw QueryException.InvalidArgument($"The field `{key}` is reserved and cannot be written.");
        }
        return new ObjectValue(data.Fields.Where(f => f.Key is not ("id" or "ttl")));
    }

    /// <summary>`update` semantics: nested objects merge, null removes a field, anything else replaces.</summary>
    public static ObjectValue Merge(ObjectValue current, ObjectValue patch)
    {
        var fields = new OrderedDictionary<string, Value>();
        foreach (var (k, v) in current.Fields) fields[k] = v;
        foreach (var (k, v) in patch.Fields)
        {
            if (v is NullValue) fields.Remove(k);
            else if (v is ObjectValue po && fields.TryGetValue(k, out var existing) && existing is ObjectValue eo) fields[k] = Merge(eo, po);
            else fields[k] = v is ObjectValue o ? StripNulls(o) : v;
        }
        return new ObjectValue(fields);
    }

    private static ObjectValue StripNulls(ObjectValue o) =>
        new(o.Fields.Where(f => f.Value is not NullValue).Select(f => KeyValuePair.Create(f.Key, f.Value is ObjectValue inner ? (Value)StripNulls(inner) : f.Value)));
}

/// <summary>What may be stored in a document: data, references and modules; not sets, functions or event sources.</summary>
public static class StoredValues
{
    public static void Check(Value v)
    {
        switch (v)
        {
            case ArrayValue a:
                foreach (var item in a.Items) Check(item);
                break;
            case ObjectValue o:
                foreach (var (_, item) in o.Fields) Check(item);
                break;
            case FunctionValue or Sets.SetValue or OrderingValue or Streams.EventSourceValue:
                throw QueryException.InvalidArgument($"A value of type {v.TypeName} cannot be stored in a document.");
        }
    }
}
