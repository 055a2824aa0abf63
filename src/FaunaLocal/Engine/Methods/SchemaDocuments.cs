namespace FaunaLocal.Engine.Methods;

/// <summary>Schema documents addressed by name: collection definitions, function definitions and child databases.</summary>
public static class SchemaDocuments
{
    /// <summary>The document's time and fields, or null when it no longer exists.</summary>
    public static (long Ts, ObjectValue Fields)? Read(Interpreter interp, NamedDocValue n)
    {
        switch (n.Module)
        {
            case "Collection" when interp.Txn.Collection(n.Name) is { } coll:
                var fields = new OrderedDictionary<string, Value> { ["name"] = new StringValue(n.Name) };
                foreach (var (k, v) in SchemaDefinition.Render(coll.Schema).Fields) fields[k] = v;
                return (coll.Schema.Ts, new ObjectValue(fields));
            case "Database" when interp.Txn.Db.Children.TryGetValue(n.Name, out var db):
                return (db.Ts, new ObjectValue([KeyValuePair.Create("name", (Value)new StringValue(n.Name))]));
            case "Function" when interp.Txn.Db.Functions.TryGetValue(n.Name, out var fn):
                return (fn.Ts, UserFunctions.Render(fn));
            default:
                return null;
        }
    }

    public static Value Field(Interpreter interp, NamedDocValue n, string name, int pos)
    {
        if (name == "name") return new StringValue(n.Name);
        if (name == "coll") return new ModuleValue(n.Module);
        var doc = Read(interp, n) ?? throw new QueryException("document_not_found", $"{n.Module} `{n.Name}` does not exist.", pos);
        return name == "ts" ? new TimeValue(doc.Ts) : doc.Fields.Get(name) ?? NullValue.Instance;
    }

    public static Value? Call(Interpreter interp, NamedDocValue n, string name, IReadOnlyList<Value> args)
    {
        switch (name)
        {
            case "exists":
                Args.Count(args, 0, 0, "exists");
                return BoolValue.Of(Read(interp, n) != null);
            case "delete":
                Args.Count(args, 0, 0, "delete");
                if (Read(interp, n) == null) throw new QueryException("document_not_found", $"{n.Module} `{n.Name}` does not exist.");
                interp.Txn.Write(n.Module switch
                {
                    "Collection" => new DeleteCollection(interp.Txn.DbPath, n.Name),
                    "Function" => new DeleteFunction(interp.Txn.DbPath, n.Name),
                    _ => new DeleteDatabase(interp.Txn.DbPath, n.Name),
                }, 128);
                return NullValue.Instance;
            case "update" or "replace" when n.Module == "Function":
            {
                Args.Count(args, 1, 1, name);
                var current = Read(interp, n)?.Fields ?? throw new QueryException("document_not_found", $"Function `{n.Name}` does not exist.");
                var patch = Args.Object(args, 0, name);
                if (patch.Get("name") is StringValue newName && newName.Value != n.Name)
                    throw QueryException.InvalidArgument("Renaming a function is not supported by FaunaLocal.");
                var fields = new OrderedDictionary<string, Value>();
                if (name == "update") foreach (var (k, v) in current.Fields) fields[k] = v;
                foreach (var (k, v) in patch.Fields)
                {
                    if (v is NullValue) fields.Remove(k);
                    else fields[k] = v;
                }
                fields["name"] = new StringValue(n.Name);
                UserFunctions.Put(interp, n.Name, new ObjectValue(fields));
                return n;
            }
            case "update" when n.Module == "Collection":
            {
                Args.Count(args, 1, 1, "update");
                var coll = interp.Txn.Collection(n.Name) ?? throw new QueryException("document_not_found", $"Collection `{n.Name}` does not exist.");
                var current = Read(interp, n)!.Value.Fields;
                var patch = Args.Object(args, 0, "update");
                if (patch.Get("name") is StringValue newName && newName.Value != n.Name)
                    throw QueryException.InvalidArgument("Renaming a collection is not supported by FaunaLocal.");
                var merged = new OrderedDictionary<string, Value>();
                foreach (var (k, v) in current.Fields) if (k is "indexes" or "constraints") merged[k] = v;
                foreach (var (k, v) in patch.Fields) if (k != "name") merged[k] = v;
                var schema = SchemaDefinition.Parse(n.Name, new ObjectValue(merged), interp.Txn.WriteTs);
                var rebuilt = coll.WithSchema(schema);
                for (var i = 0; i < schema.Uniques.Length; i++)
                {
                    if (rebuilt.Docs.Values.Any(d => rebuilt.UniqueConflicts(i, d).Any()))
                        throw new QueryException("constraint_failure", $"Failed to update Collection `{n.Name}`: existing documents break a unique constraint.")
                        {
                            ConstraintFailures = [new ConstraintFailure([[.. schema.Uniques[i].Fields.SelectMany(f => f.Segments)]], "Failed unique constraint.")],
                        };
                }
                interp.Txn.Write(new PutCollection(interp.Txn.DbPath, schema), 256);
                return n;
            }
            default:
                return null;
        }
    }
}
