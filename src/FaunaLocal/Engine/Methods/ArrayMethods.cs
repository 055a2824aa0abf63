namespace FaunaLocal.Engine.Methods;

/// <summary>Array methods; the read-only ones are shared with sets, which feed them a lazy sequence.</summary>
public static class ArrayMethods
{
    public static Value? Call(Interpreter interp, ArrayValue array, string name, IReadOnlyList<Value> args)
    {
        var items = array.Items;
        switch (name)
        {
            case "at":
            {
                Args.Count(args, 1, 1, name);
                var i = Args.Integer(args, 0, name);
                return i >= 0 && i < items.Length ? items[(int)i] : throw QueryException.Bounds($"Index {i} is out of bounds for an array of length {items.Length}.");
            }
            case "append":
                Args.Count(args, 1, 1, name);
                return new ArrayValue(items.Add(args[0]));
            case "prepend":
                Args.Count(args, 1, 1, name);
                return new ArrayValue(items.Insert(0, args[0]));
            case "concat":
                Args.Count(args, 1, 1, name);
                return new ArrayValue(items.AddRange(Args.Array(args, 0, name).Items));
            case "where" or "filter":
            {
                Args.Count(args, 1, 1, name);
                var fn = Args.Function(args, 0, name);
                return new ArrayValue(items.Where(v => interp.Truthy(interp.Invoke(fn, [v], -1), name)));
            }
            case "map":
            {
                Args.Count(args, 1, 1, name);
                var fn = Args.Function(args, 0, name);
                return new ArrayValue(items.Select(v => interp.Invoke(fn, [v], -1)));
            }
            case "flatMap":
            {
                Args.Count(args, 1, 1, name);
                var fn = Args.Function(args, 0, name);
                return new ArrayValue(items.SelectMany(v => SetMethods.Elements(interp, interp.Invoke(fn, [v], -1), name)));
            }
            case "flatten":
                Args.Count(args, 0, 0, name);
                return new ArrayValue(items.SelectMany(v => v is ArrayValue a ? a.Items : [v]));
            case "order":
            {
                var orderings = SetMethods.Orderings(args);
                var keyed = items.Select((v, i) => (v, i, key: orderings.IsEmpty ? [v] : orderings.Select(o => interp.Invoke(o.Key, [v], -1)).ToArray())).ToList();
                keyed.Sort((a, b) =>
                {
                    for (var k = 0; k < a.key.Length; k++)
                    {
                        var c = ValueComparer.Instance.Compare(a.key[k], b.key[k]);
                        if (!orderings.IsEmpty && orderings[k].Descending) c = -c;
                        if (c != 0) return c;
                    }
                    return a.i.CompareTo(b.i);
                });
                return new ArrayValue(keyed.Select(k => k.v));
            }
            case "take":
                Args.Count(args, 1, 1, name);
                return new ArrayValue(items.Take(Count(args, name)));
            case "drop":
                Args.Count(args, 1, 1, name);
                return new ArrayValue(items.Skip(Count(args, name)));
            case "slice":
            {
                Args.Count(args, 1, 2, name);
                var (start, end) = SliceBounds(args, items.Length, name);
                return new ArrayValue(items.Skip(start).Take(end - start));
            }
            case "indexOf":
                Args.Count(args, 1, 1, name);
                var at = items.IndexOf(args[0], ValueComparer.Instance);
                return at >= 0 ? new IntValue(at) : NullValue.Instance;
            case "toSet":
                Args.Count(args, 0, 0, name);
                return SetValue.FromArray(items);
            case "length":
                return new IntValue(items.Length);
        }
        return CallOnSequence(interp, () => items, name, args, isSet: false);
    }

    private static int Count(IReadOnlyList<Value> args, string name)
    {
        var n = Args.Integer(args, 0, name);
        return n >= 0 ? (int)Math.Min(n, int.MaxValue) : throw QueryException.Bounds($"`{name}` expects a count of 0 or more, received {n}.");
    }

    public static (int Start, int End) SliceBounds(IReadOnlyList<Value> args, int length, string name)
    {
        var start = (int)Math.Clamp(Args.Integer(args, 0, name), 0, length);
        var end = args.Count > 1 ? (int)Math.Clamp(Args.Integer(args, 1, name), start, length) : length;
        return (start, end);
    }

    /// <summary>Methods that only read elements in order, for arrays and sets alike.</summary>
    public static Value? CallOnSequence(Interpreter interp, Func<IEnumerable<Value>> seq, string name, IReadOnlyList<Value> args, bool isSet)
    {
        switch (name)
        {
            case "first":
                Args.Count(args, 0, 0, name);
                return seq().FirstOrDefault() ?? NullValue.Instance;
            case "last":
                Args.Count(args, 0, 0, name);
                return seq().LastOrDefault() ?? NullValue.Instance;
            case "firstWhere":
            {
                Args.Count(args, 1, 1, name);
                var fn = Args.Function(args, 0, name);
                return seq().FirstOrDefault(v => interp.Truthy(interp.Invoke(fn, [v], -1), name)) ?? NullValue.Instance;
            }
            case "lastWhere":
            {
                Args.Count(args, 1, 1, name);
                var fn = Args.Function(args, 0, name);
                return seq().LastOrDefault(v => interp.Truthy(interp.Invoke(fn, [v], -1), name)) ?? NullValue.Instance;
            }
            case "count" when isSet:
                Args.Count(args, 0, 0, name);
                return Arithmetic.FromLong(seq().LongCount());
            case "toArray":
                Args.Count(args, 0, 0, name);
                return new ArrayValue(seq());
            case "forEach":
            {
                Args.Count(args, 1, 1, name);
                var fn = Args.Function(args, 0, name);
                foreach (var v in seq()) interp.Invoke(fn, [v], -1);
                return NullValue.Instance;
            }
            case "isEmpty":
                Args.Count(args, 0, 0, name);
                return BoolValue.Of(!seq().Any());
            case "nonEmpty":
                Args.Count(args, 0, 0, name);
                return BoolValue.Of(seq().Any());
            case "includes":
                Args.Count(args, 1, 1, name);
                return BoolValue.Of(seq().Any(v => interp.AreEqual(v, args[0])));
            case "any":
            {
                Args.Count(args, 1, 1, name);
                var fn = Args.Function(args, 0, name);
                return BoolValue.Of(seq().Any(v => interp.Truthy(interp.Invoke(fn, [v], -1), name)));
            }
            case "every":
            {
                Args.Count(args, 1, 1, name);
                var fn = Args.Function(args, 0, name);
                return BoolValue.Of(seq().All(v => interp.Truthy(interp.Invoke(fn, [v], -1), name)));
            }
            case "reverse":
                Args.Count(args, 0, 0, name);
                var reversed = seq().Reverse().ToImmutableArray();
                return isSet ? SetValue.FromArray(reversed) : new ArrayValue(reversed);
            case "distinct":
                Args.Count(args, 0, 0, name);
                var distinct = seq().Distinct(ValueComparer.Instance).ToImmutableArray();
                return isSet ? SetValue.FromArray(distinct) : new ArrayValue(distinct);
            case "fold":
            {
                Args.Count(args, 2, 2, name);
                var fn = Args.Function(args, 1, name);
                return seq().Aggregate(args[0], (acc, v) => interp.Invoke(fn, [acc, v], -1));
            }
            case "reduce":
            {
                Args.Count(args, 1, 1, name);
                var fn = Args.Function(args, 0, name);
                Value? acc = null;
                foreach (var v in seq()) acc = acc == null ? v : interp.Invoke(fn, [acc, v], -1);
                return acc ?? NullValue.Instance;
            }
            case "toString":
                return new StringValue(isSet ? "[set]" : Display.Render(new ArrayValue(seq())));
            default:
                return null;
        }
    }
}
