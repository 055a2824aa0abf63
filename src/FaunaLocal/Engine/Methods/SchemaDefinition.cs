namespace FaunaLocal.Engine.Methods;

/// <summary>Reads a collection definition object (indexes with terms/values, unique constraints) and renders it back.</summary>
public static class SchemaDefinition
{
    public static CollectionSchema Parse(string name, ObjectValue def, long ts)
    {
        foreach (var key in def.Keys)
            if (key is not ("name" or "indexes" or "constraints" or "history_days" or "ttl_days" or "document_ttls" or "computed_fields" or "fields" or "migrations" or "wildcard"))
                throw QueryException.InvalidArgument($"Unknown collection definition field `{key}`.");
        var indexes = ImmutableArray.CreateBuilder<IndexDefinition>();
        if (def.Get("indexes") is ObjectValue ix)
        {
            foreach (var (ixName, spec) in ix.Fields)
            {
                if (spec is not ObjectValue o) throw QueryException.InvalidArgument($"Index `{ixName}` must be an object.");
                if (ixName is "create" or "byId" or "all" or "where" or "firstWhere" or "definition")
                    throw QueryException.InvalidArgument($"`{ixName}` cannot be used as an index name.");
                var terms = Fields(o.Get("terms"), $"index `{ixName}` terms").Select(f => f.Field).ToImmutableArray();
                var values = Fields(o.Get("values"), $"index `{ixName}` values").ToImmutableArray();
                indexes.Add(new IndexDefinition(ixName, terms, values));
            }
        }
        else if (def.Get("indexes") is not (null or NullValue)) throw QueryException.InvalidArgument("`indexes` must be an object.");

        var uniques = ImmutableArray.CreateBuilder<UniqueConstraint>();
        if (def.Get("constraints") is ArrayValue cs)
        {
            foreach (var c in cs.Items)
            {
                if (c is ObjectValue co && co.Get("unique") is ArrayValue u && u.Items.Length > 0)
                    uniques.Add(new UniqueConstraint([.. Fields(u, "unique constraint").Select(f => f.Field)]));
                else if (c is ObjectValue { } cc && cc.Has("check"))
                    throw QueryException.InvalidArgument("Check constraints are not supported by FaunaLocal; only unique constraints are.");
                else throw QueryException.InvalidArgument("A constraint must be `{ unique: [fields] }`.");
            }
        }
        else if (def.Get("constraints") is not (null or NullValue)) throw QueryException.InvalidArgument("`constraints` must be an array.");
        return new CollectionSchema(name, indexes.ToImmutable(), uniques.ToImmutable(), ts);
    }

    /// <summary>Accepts `[{ field: ".a", order: "desc" }]`, `[".a"]` and `["a"]`.</summary>
    private static IEnumerable<IndexValue> Fields(Value? v, string what)
    {
        if (v is null or NullValue) yield break;
        if (v is not ArrayValue a) throw QueryException.InvalidArgument($"{what} must be an array.");
        foreach (var item in a.Items)
        {
            var (field, order) = item switch
            {
                StringValue s => (s.Value, "asc"),
                ObjectValue o when o.Get("field") is StringValue f => (f.Value, o.Get("order") is StringValue ord ? ord.Value : "asc"),
                _ => throw QueryException.InvalidArgument($"Each entry of {what} must be a field path or `{{ field: \".x\" }}`."),
            };
            if (order is not ("asc" or "desc")) throw QueryException.InvalidArgument($"Order in {what} must be \"asc\" or \"desc\".");
            FieldPath path;
            try { path = FieldPath.Parse(field); }
            catch (FormatException e) { throw QueryException.InvalidArgument($"{what}: {e.Message}"); }
            yield return new IndexValue(path, order == "desc");
        }
    }

    public static ObjectValue Render(CollectionSchema schema)
    {
        var indexes = new OrderedDictionary<string, Value>();
        foreach (var ix in schema.Indexes)
        {
            var spec = new OrderedDictionary<string, Value>();
            if (ix.Terms.Length > 0)
                spec["terms"] = new ArrayValue(ix.Terms.Select(t => (Value)Obj(("field", new StringValue(t.ToString())), ("mva", BoolValue.False))));
            if (ix.Values.Length > 0)
                spec["values"] = new ArrayValue(ix.Values.Select(v => (Value)Obj(("field", new StringValue(v.Field.ToString())), ("order", new StringValue(v.Descending ? "desc" : "asc")), ("mva", BoolValue.False))));
            spec["queryable"] = BoolValue.True;
            spec["status"] = new StringValue("complete");
            indexes[ix.Name] = new ObjectValue(spec);
        }
        var constraints = schema.Uniques.Select(u => (Value)Obj(
            ("unique", new ArrayValue(u.Fields.Select(f => (Value)Obj(("field", new StringValue(f.ToString())), ("mva", BoolValue.False))))),
            ("status", new StringValue("active"))));
        return Obj(("indexes", new ObjectValue(indexes)), ("constraints", new ArrayValue(constraints)), ("history_days", new IntValue(0)));
    }

    private static ObjectValue Obj(params (string Key, Value Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));
}
