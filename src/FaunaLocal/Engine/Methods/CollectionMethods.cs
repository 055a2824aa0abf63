namespace FaunaLocal.Engine.Methods;

/// <summary>Methods of a user collection: `User.create`, `User.byId`, `User.all`, and its indexes, `User.byEmail(x)`.</summary>
public static class CollectionMethods
{
    public static Value? Call(Interpreter interp, string collection, string name, IReadOnlyList<Value> args)
    {
        switch (name)
        {
            case "create":
                Args.Count(args, 1, 1, "create");
                return Documents.Create(interp, collection, Args.Object(args, 0, "create"));
            case "firstWhere":
                Args.Count(args, 1, 1, "firstWhere");
                return interp.Sets.Enumerate(All(collection).With(new WhereStage(Args.Function(args, 0, "firstWhere")))).FirstOrDefault()
                       ?? NullValue.Instance;
        }
        if (ById(collection, "", name, args, () => All(collection)) is { } byId) return byId;
        var coll = interp.Txn.Collection(collection)!;
        var index = coll.Schema.Indexes.FirstOrDefault(i => i.Name == name);
        if (index == null) return null;
        if (args.Count != index.Terms.Length)
            throw QueryException.InvalidArgument($"The index `{collection}.{name}` takes {index.Terms.Length} term(s), received {args.Count}.");
        return new SetValue(new IndexSource(collection, name, [.. args]), []);
    }

    /// <summary>
    /// `byId`, `all` and `where` of documents known by id (a collection's, `Key`'s); null for any other method.
    /// Errors name the method with <paramref name="prefix"/> before it.
    /// </summary>
    public static Value? ById(string kind, string prefix, string name, IReadOnlyList<Value> args, Func<SetValue> all)
    {
        var method = prefix + name;
        switch (name)
        {
            case "byId":
                Args.Count(args, 1, 1, method);
                return new DocRefValue(kind, Args.Id(args[0], method));
            case "all":
                Args.Count(args, 0, 0, method);
                return all();
            case "where":
                Args.Count(args, 1, 1, method);
                return all().With(new WhereStage(Args.Function(args, 0, method)));
            default:
                return null;
        }
    }

    private static SetValue All(string collection) => new(new IndexSource(collection, null, ImmutableArray<Value>.Empty), []);
}
