namespace FaunaLocal.Engine.Methods;

/// <summary>The `Math` and `Object` modules.</summary>
public static class MathObjectModules
{
    public static Value? Math(string name, IReadOnlyList<Value> args)
    {
        switch (name)
        {
            case "abs":
                Args.Count(args, 1, 1, "Math.abs");
                var n = Args.Number(args, 0, "Math.abs");
                return ValueComparer.Instance.Compare(n, new IntValue(0)) < 0 ? Arithmetic.Negate(n) : n;
            case "max" or "min":
            {
                Args.Count(args, 1, int.MaxValue, "Math." + name);
                var best = Args.Number(args, 0, "Math." + name);
                for (var i = 1; i < args.Count; i++)
                {
                    var v = Args.Number(args, i, "Math." + name);
                    var c = ValueComparer.Instance.Compare(v, best);
                    if (name == "max" ? c > 0 : c < 0) best = v;
                }
                return best;
            }
            case "floor" or "ceil" or "round" or "trunc":
            {
                Args.Count(args, 1, 1, "Math." + name);
                var x = Args.Number(args, 0, "Math." + name);
                if (x is not DoubleValue) return x;
                return new DoubleValue(name switch
                {
                    "floor" => System.Math.Floor(x.AsDouble),
                    "ceil" => System.Math.Ceiling(x.AsDouble),
                    "trunc" => System.Math.Truncate(x.AsDouble),
                    _ => System.Math.Round(x.AsDouble, MidpointRounding.AwayFromZero),
                });
            }
            case "sqrt":
                Args.Count(args, 1, 1, "Math.sqrt");
                return new DoubleValue(System.Math.Sqrt(Args.Number(args, 0, "Math.sqrt").AsDouble));
            case "pow":
                Args.Count(args, 2, 2, "Math.pow");
                return new DoubleValue(System.Math.Pow(Args.Number(args, 0, "Math.pow").AsDouble, Args.Number(args, 1, "Math.pow").AsDouble));
            default:
                return null;
        }
    }

    public static Value? Object(string name, IReadOnlyList<Value> args)
    {
        switch (name)
        {
            case "keys":
                Args.Count(args, 1, 1, "Object.keys");
                return new ArrayValue(Args.Object(args, 0, "Object.keys").Keys.Select(k => (Value)new StringValue(k)));
            case "values":
                Args.Count(args, 1, 1, "Object.values");
                return new ArrayValue(Args.Object(args, 0, "Object.values").Fields.Select(f => f.Value));
            case "entries":
                Args.Count(args, 1, 1, "Object.entries");
                return new ArrayValue(Args.Object(args, 0, "Object.entries").Fields
                    .Select(f => (Value)new ArrayValue([new StringValue(f.Key), f.Value])));
            case "fromEntries":
            {
                Args.Count(args, 1, 1, "Object.fromEntries");
                var fields = new OrderedDictionary<string, Value>();
                foreach (var e in Args.Array(args, 0, "Object.fromEntries").Items)
                {
                    if (e is not ArrayValue { Items: [StringValue k, var v] })
                        throw QueryException.InvalidArgument("`Object.fromEntries` expects [key, value] pairs with String keys.");
                    fields[k.Value] = v;
                }
                return new ObjectValue(fields);
            }
            case "assign":
            {
                Args.Count(args, 2, 2, "Object.assign");
                var fields = new OrderedDictionary<string, Value>();
                foreach (var (k, v) in Args.Object(args, 0, "Object.assign").Fields) fields[k] = v;
                foreach (var (k, v) in Args.Object(args, 1, "Object.assign").Fields) fields[k] = v;
                return new ObjectValue(fields);
            }
            default:
                return null;
        }
    }
}
