using System.Collections.Concurrent;

namespace FaunaLocal.Engine.Methods;

/// <summary>A user-defined function, called by name like a built-in; its body runs with the caller's privileges.</summary>
public sealed class UserFunctionValue(string name, Lambda body) : FunctionValue
{
    public override string Name { get; } = name;
    public Lambda Body { get; } = body;
}

/// <summary>The `Function` module: `Function.create({ name, body })`, `Function.byName`, `Function.all`, `Function("name")`.</summary>
public static class UserFunctions
{
    private static readonly HashSet<string> DefinitionFields = ["name", "body", "role", "signature", "alias", "data"];
    private static readonly ConcurrentDictionary<string, Lambda> ParsedBodies = new(StringComparer.Ordinal);

    public static Value? Module(Interpreter interp, string name, IReadOnlyList<Value> args) =>
        SchemaModules.Named("Function", name, args,
            taken: fnName => SchemaModules.NameTaken(interp, fnName),
            create: (fnName, def) => Put(interp, fnName, def),
            names: () => interp.Txn.Db.Functions.Keys);

    /// <summary>`Function("name")`: the function itself, to call or pass around.</summary>
    public static Value Call(Interpreter interp, IReadOnlyList<Value> args)
    {
        Args.Count(args, 1, 1, "Function");
        var name = Args.String(args, 0, "Function");
        return Lookup(interp, name) ?? throw QueryException.InvalidArgument($"invalid argument `function`: No such user function `{name}`.");
    }

    public static UserFunctionValue? Lookup(Interpreter interp, string name) =>
        interp.Txn.Db.Functions.TryGetValue(name, out var def) ? new UserFunctionValue(name, Parse(def.Body)) : null;

    /// <summary>Validates a definition and stores it (create, or update/replace of an existing one).</summary>
    public static void Put(Interpreter interp, string name, ObjectValue def)
    {
        foreach (var key in def.Keys)
            if (!DefinitionFields.Contains(key)) throw QueryException.InvalidArgument($"Unknown function definition field `{key}`.");
        if (def.Get("role") is not (null or NullValue))
            throw QueryException.InvalidArgument("FaunaLocal has no roles: a function runs with the caller's privileges, so `role` must be left out.");
        var body = def.Get("body") as StringValue
            ?? throw new QueryException("constraint_failure", "Failed to create Function.")
            {
                ConstraintFailures = [new ConstraintFailure([["body"]], "Missing required field `body` (a String holding a function, e.g. \"x => x + 1\").")],
            };
        try
        {
            Parse(body.Value);
        }
        catch (QueryException e)
        {
            throw new QueryException("constraint_failure", "Failed to create Function.")
            {
                ConstraintFailures = [new ConstraintFailure([["body"]], e.Message)],
            };
        }
        var signature = def.Get("signature") is StringValue sig ? sig.Value : null;
        var data = def.Get("data") as ObjectValue;
        var ts = interp.Txn.WriteTs;
        interp.Txn.Write(new PutFunction(interp.Txn.DbPath, new FunctionDefinition(name, body.Value, signature, data, ts)), 128 + body.Value.Length);
    }

    /// <summary>The definition as a schema document's fields.</summary>
    public static ObjectValue Render(FunctionDefinition f)
    {
        var fields = new OrderedDictionary<string, Value> { ["name"] = new StringValue(f.Name), ["body"] = new StringValue(f.Body) };
        if (f.Signature != null) fields["signature"] = new StringValue(f.Signature);
        if (f.Data != null) fields["data"] = f.Data;
        return new ObjectValue(fields);
    }

    /// <summary>Parses a body once per distinct text; it must be a single function expression.</summary>
    public static Lambda Parse(string body) => ParsedBodies.GetOrAdd(body, static text =>
    {
        Expr parsed;
        try
        {
            parsed = QueryText.ParseSource(text).Query;
        }
        catch (QueryTextException e)
        {
            throw new QueryException("invalid_query", "The function body does not parse: " + e.Error.Message);
        }
        return parsed is Block { Statements: [Lambda lambda] }
            ? lambda
            : throw new QueryException("invalid_query", "The function body must be a single function, such as `x => x + 1`.");
    });
}
