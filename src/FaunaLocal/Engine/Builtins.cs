namespace FaunaLocal.Engine;

/// <summary>Top-level names: built-in modules, global functions, and the database's collections.</summary>
public static class Builtins
{
    /// <summary>The hidden function a `"…#{expr}…"` string compiles to.</summary>
    public const string InterpolateName = "\u0001interpolate";

    public static readonly HashSet<string> ModuleNames =
        ["Time", "Date", "Math", "Object", "Collection", "Database", "Key", "Set", "String", "Array", "Function", "Role", "Credential", "Token"];

    private static readonly Dictionary<string, NativeFunctionValue> Functions = new()
    {
        ["abort"] = new("abort", (_, args, _) =>
        {
            Args.Count(args, 1, 1, "abort");
            throw new QueryException("abort", "Query aborted.") { AbortValue = args[0] };
        }),
        ["newId"] = new("newId", (interp, args, _) =>
        {
            Args.Count(args, 0, 0, "newId");
            return new StringValue(interp.Txn.Store.NewId().ToString(CultureInfo.InvariantCulture));
        }),
        ["asc"] = new("asc", (_, args, _) =>
        {
            Args.Count(args, 1, 1, "asc");
            return new OrderingValue(Args.Function(args, 0, "asc"), false);
        }),
        ["desc"] = new("desc", (_, args, _) =>
        {
            Args.Count(args, 1, 1, "desc");
            return new OrderingValue(Args.Function(args, 0, "desc"), true);
        }),
        ["dbg"] = new("dbg", (interp, args, _) =>
        {
            Args.Count(args, 1, 1, "dbg");
            interp.Logs.Add(Display.Quoted(args[0]));
            return args[0];
        }),
        ["log"] = new("log", (interp, args, _) =>
        {
            interp.Logs.Add(string.Join(" ", args.Select(Display.Render)));
            return NullValue.Instance;
        }),
        [InterpolateName] = new("interpolate", (_, args, _) =>
        {
            var sb = new StringBuilder();
            foreach (var a in args) sb.Append(Display.Render(a));
            return new StringValue(sb.ToString());
        }),
    };

    public static Value? Resolve(Interpreter interp, string name)
    {
        if (Functions.TryGetValue(name, out var fn)) return fn;
        if (ModuleNames.Contains(name)) return new ModuleValue(name);
        if (interp.Txn.Collection(name) != null) return new ModuleValue(name);
        return UserFunctions.Lookup(interp, name);
    }

    public static bool IsReserved(string name) => ModuleNames.Contains(name) || Functions.ContainsKey(name);

    /// <summary>`Time("…")`, `Date("…")`: modules that are also callable.</summary>
    public static Value CallModule(Interpreter interp, ModuleValue m, IReadOnlyList<Value> args, int pos) => m.Name switch
    {
        "Time" => TimeMethods.Module(interp, "fromString", args)!,
        "Date" => DateMethods.Module(interp, "fromString", args)!,
        "Function" => UserFunctions.Call(interp, args),
        _ => throw QueryException.InvalidQuery($"The module `{m.Name}` is not a function.", pos),
    };
}
