namespace FaunaLocal.Engine.Streams;

/// <summary>
/// `set.eventSource()` / `set.eventsOn(.a, .b)` (and their older names `toStream()` / `changesOn()`), and the
/// `where`/`map` an event source itself accepts. Only sets whose changes can be followed qualify: a
/// collection's `all()`, an index with its terms, or `Set.single(doc)`, each with where/map stages.
/// </summary>
public static class EventSourceMethods
{
    public static bool IsSourceMethod(string name) => name is "eventSource" or "toStream" or "eventsOn" or "changesOn";

    public static EventSourceValue Create(Interpreter interp, SetValue set, string name, IReadOnlyList<Value> args)
    {
        var method = $".{name}()";
        Check(interp, set, method);
        if (name is "eventSource" or "toStream")
        {
            Args.Count(args, 0, 0, name);
            return new EventSourceValue(set, []);
        }
        if (set.Stages.Length > 0)
            throw Receiver(method, "it was not called on the source set.");
        var fields = args.Select((a, i) => FieldOf(a, i)).ToImmutableArray();
        if (fields.IsEmpty) throw QueryException.InvalidArgument($"`{name}` expects at least one field, such as `.price`.");
        if (set.Source is IndexSource { Index: { } index } ix) CheckCovered(interp, ix.Collection, index, fields);
        return new EventSourceValue(set, fields);
    }

    public static Value? Call(Interpreter interp, EventSourceValue source, string name, IReadOnlyList<Value> args) =>
        name is "where" or "map" ? source.With(SetMethods.FunctionStage(name, args)) : null;

    private static void Check(Interpreter interp, SetValue set, string method)
    {
        switch (set.Source)
        {
            case IndexSource s:
                if (interp.Txn.Collection(s.Collection) == null)
                    throw QueryException.InvalidArgument($"Collection `{s.Collection}` does not exist.");
                break;
            case ArraySource { Items: [DocRefValue] }:
                break;
            default:
                throw Receiver(method, "streaming is not supported on array sets.");
        }
        foreach (var stage in set.Stages)
        {
            var reason = stage switch
            {
                OrderStage => "streaming is not supported on sets returned from `.order()`.",
                TakeStage => "streaming is not supported on sets returned from `.take()`.",
                DropStage => "streaming is not supported on sets returned from `.drop()`.",
                _ => null,
            };
            if (reason != null) throw Receiver(method, reason);
        }
    }

    private static QueryException Receiver(string method, string reason) =>
        new("invalid_receiver", $"can't call `{method}` because {reason}");

    /// <summary>`.price` or `.address.city` (a short-hand field lambda) as a field path.</summary>
    private static FieldPath FieldOf(Value arg, int i)
    {
        if (arg is LambdaValue { Node: { Params: [var param], Body: var body } })
        {
            var segments = new List<string>();
            while (body is MemberAccess { Optional: false } m)
            {
                segments.Insert(0, m.Name);
                body = m.Target;
            }
            var rooted = body is ImplicitArg || (body is Identifier id && id.Name == param);
            if (rooted && segments.Count > 0) return new FieldPath([.. segments]);
        }
        throw QueryException.InvalidArgument($"invalid argument `{i}`: invalid field path given");
    }

    /// <summary>An index source can only watch what its entries hold: its terms and values (and `id`; anything if it covers `ts`).</summary>
    private static void CheckCovered(Interpreter interp, string collection, string index, ImmutableArray<FieldPath> fields)
    {
        var def = interp.Txn.Collection(collection)?.FindIndex(index);
        if (def == null) return;
        var covered = def.Terms.Concat(def.Values.Select(v => v.Field)).Select(f => f.ToString()).ToHashSet();
        if (covered.Contains(".ts")) return;
        var missing = fields.Select(f => f.ToString()).Where(f => f != ".id" && !covered.Contains(f)).ToList();
        if (missing.Count > 0)
            throw QueryException.InvalidArgument($"invalid argument `fields`: {string.Join(", ", missing.Select(f => $"`{f}`"))} not covered by the `{index}` index.");
    }
}
