namespace FaunaLocal.Engine.Methods;

/// <summary>Set methods and the `Set` module. Stages stay lazy; terminal methods read.</summary>
public static class SetMethods
{
    public const int DefaultPageSize = 16;
    public const int MaxPageSize = 100_000;

    /// <summary>`where(fn)` or `map(fn)` as a stage: what a set and an event source both accept.</summary>
    public static SetStage FunctionStage(string name, IReadOnlyList<Value> args)
    {
        Args.Count(args, 1, 1, name);
        var fn = Args.Function(args, 0, name);
        return name == "where" ? new WhereStage(fn) : new MapStage(fn);
    }

    public static Value? Call(Interpreter interp, SetValue set, string name, IReadOnlyList<Value> args)
    {
        switch (name)
        {
            case "where" or "map":
                return set.With(FunctionStage(name, args));
            case "order":
                return set.With(new OrderStage(Orderings(args)));
            case "take":
                Args.Count(args, 1, 1, name);
                return set.With(new TakeStage(NonNegative(args, name)));
            case "drop":
                Args.Count(args, 1, 1, name);
                return set.With(new DropStage(NonNegative(args, name)));
            case "pageSize":
                Args.Count(args, 1, 1, name);
                return set.WithPageSize(PageSize(args, 0, name));
            case "paginate":
                Args.Count(args, 0, 1, name);
                return Paginate(interp, set, null, null, args.Count == 1 ? PageSize(args, 0, name) : set.PageSize ?? DefaultPageSize);
            case var source when Streams.EventSourceMethods.IsSourceMethod(source):
                return Streams.EventSourceMethods.Create(interp, set, name, args);
            case "flatMap":
            {
                Args.Count(args, 1, 1, name);
                var fn = Args.Function(args, 0, name);
                return SetValue.FromArray([.. interp.Sets.Enumerate(set).SelectMany(v => Elements(interp, interp.Invoke(fn, [v], -1), name))]);
            }
        }
        // Terminal methods read the whole set (or as much as they need).
        return ArrayMethods.CallOnSequence(interp, () => interp.Sets.Enumerate(set), name, args, isSet: true);
    }

    public static IEnumerable<Value> Elements(Interpreter interp, Value v, string method) => v switch
    {
        ArrayValue a => a.Items,
        SetValue s => interp.Sets.Enumerate(s),
        _ => throw QueryException.InvalidArgument($"`{method}` expects its function to return an Array or Set, got {v.TypeName}."),
    };

    public static ImmutableArray<OrderingValue> Orderings(IReadOnlyList<Value> args) =>
    [
        .. args.Select((a, i) => a switch
        {
            OrderingValue o => o,
            FunctionValue f => new OrderingValue(f, false),
            _ => throw QueryException.InvalidArgument($"`order` argument {i + 1} must be a function or asc()/desc(), got {a.TypeName}."),
        }),
    ];

    private static int NonNegative(IReadOnlyList<Value> args, string name)
    {
        var n = Args.Integer(args, 0, name);
        return n is >= 0 and <= int.MaxValue ? (int)n : throw QueryException.Bounds($"`{name}` expects a count of 0 or more, received {n}.");
    }

    public static int PageSize(IReadOnlyList<Value> args, int i, string name)
    {
        var n = Args.Integer(args, i, name);
        return n is >= 1 and <= MaxPageSize ? (int)n : throw QueryException.Bounds($"`{name}`: page size must be between 1 and {MaxPageSize}, received {n}.");
    }

    /// <summary>A page as the `{ data, after }` object that `paginate` and `Set.paginate` return.</summary>
    public static ObjectValue Paginate(Interpreter interp, SetValue set, Value[]? after, int[]? counters, int size)
    {
        var page = interp.Sets.Page(set, after, counters, size);
        var fields = new OrderedDictionary<string, Value> { ["data"] = new ArrayValue(page.Data) };
        if (page.HasMore) fields["after"] = new StringValue(SetCursor.Encode(set, page.LastKey, page.Counters, size));
        return new ObjectValue(fields);
    }

    public static Value? Module(Interpreter interp, string name, IReadOnlyList<Value> args)
    {
        switch (name)
        {
            case "paginate":
            {
                Args.Count(args, 1, 2, "Set.paginate");
                var cursor = args[0] switch
                {
                    StringValue s => SetCursor.Decode(s.Value),
                    SetValue s => new DecodedCursor(s, null, null, s.PageSize ?? DefaultPageSize),
                    _ => throw QueryException.InvalidArgument($"`Set.paginate` expects a cursor (a String), got {args[0].TypeName}."),
                };
                var size = args.Count == 2 ? PageSize(args, 1, "Set.paginate") : cursor.PageSize;
                return Paginate(interp, cursor.Set, cursor.After, cursor.Counters, size);
            }
            case "sequence":
            {
                Args.Count(args, 2, 2, "Set.sequence");
                long from = Args.Integer(args, 0, "Set.sequence"), until = Args.Integer(args, 1, "Set.sequence");
                if (until - from > MaxPageSize * 10L) throw QueryException.Bounds("`Set.sequence` is limited to 1,000,000 elements in FaunaLocal.");
                var items = ImmutableArray.CreateBuilder<Value>();
                for (var i = from; i < until; i++) items.Add(Arithmetic.FromLong(i));
                return SetValue.FromArray(items.ToImmutable());
            }
            case "single":
                Args.Count(args, 1, 1, "Set.single");
                return SetValue.FromArray([args[0]]);
            default:
                return null;
        }
    }
}
