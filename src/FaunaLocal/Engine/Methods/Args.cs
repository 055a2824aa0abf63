namespace FaunaLocal.Engine.Methods;

/// <summary>Argument checks shared by built-in methods; failures are invalid_argument with the method's name.</summary>
public static class Args
{
    public static void Count(IReadOnlyList<Value> args, int min, int max, string method)
    {
        if (args.Count < min || args.Count > max)
        {
            var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
            throw QueryException.InvalidArgument($"`{method}` expects {expected} argument(s), received {args.Count}.");
        }
    }

    public static string String(IReadOnlyList<Value> args, int i, string method) =>
        args[i] is StringValue s ? s.Value : throw Wrong(args[i], "a String", i, method);

    public static long Integer(IReadOnlyList<Value> args, int i, string method) => args[i] switch
    {
        IntValue n => n.Value,
        LongValue n => n.Value,
        _ => throw Wrong(args[i], "an Int", i, method),
    };

    public static int Int(IReadOnlyList<Value> args, int i, string method)
    {
        var v = Integer(args, i, method);
        return v is >= int.MinValue and <= int.MaxValue ? (int)v : throw QueryException.Bounds($"`{method}`: {v} is out of range.");
    }

    public static NumberValue Number(IReadOnlyList<Value> args, int i, string method) =>
        args[i] as NumberValue ?? throw Wrong(args[i], "a Number", i, method);

    public static FunctionValue Function(IReadOnlyList<Value> args, int i, string method) =>
        args[i] as FunctionValue ?? throw Wrong(args[i], "a Function", i, method);

    public static ObjectValue Object(IReadOnlyList<Value> args, int i, string method) =>
        args[i] as ObjectValue ?? throw Wrong(args[i], "an Object", i, method);

    public static ArrayValue Array(IReadOnlyList<Value> args, int i, string method) =>
        args[i] as ArrayValue ?? throw Wrong(args[i], "an Array", i, method);

    /// <summary>Document ids are numeric strings (or numbers).</summary>
    public static long Id(Value v, string method) => v switch
    {
        StringValue s when long.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) => id,
        IntValue i when i.Value >= 0 => i.Value,
        LongValue l when l.Value >= 0 => l.Value,
        StringValue s => throw QueryException.InvalidArgument($"`{method}`: invalid document id `{s.Value}`; ids are numeric strings."),
        _ => throw QueryException.InvalidArgument($"`{method}` expects an id (a String), got {v.TypeName}."),
    };

    private static QueryException Wrong(Value v, string expected, int i, string method) =>
        v is NullValue
            ? QueryException.NullValue($"`{method}` argument {i + 1} must be {expected}, got null.")
            : QueryException.InvalidArgument($"`{method}` argument {i + 1} must be {expected}, got {v.TypeName}.");
}
