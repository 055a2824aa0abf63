namespace FaunaLocal.Engine.Methods;

/// <summary>Routes `target.name(args)` to the methods of the target's type.</summary>
public static class Dispatch
{
    public static Value Call(Interpreter interp, Value target, string name, IReadOnlyList<Value> args, int pos)
    {
        var result = target switch
        {
            ModuleValue m => ModuleCall(interp, m, name, args),
            DocRefValue d => Documents.Call(interp, d, name, args),
            NamedDocValue n => SchemaDocuments.Call(interp, n, name, args),
            SetValue s => SetMethods.Call(interp, s, name, args),
            Streams.EventSourceValue e => Streams.EventSourceMethods.Call(interp, e, name, args),
            ArrayValue a => ArrayMethods.Call(interp, a, name, args),
            StringValue s => StringMethods.Call(s, name, args),
            TimeValue t => TimeMethods.Call(t, name, args),
            DateValue d => DateMethods.Call(d, name, args),
            ObjectValue o when o.Get(name) is FunctionValue fn => interp.Invoke(fn, args, pos),
            NullValue => throw QueryException.NullValue($"Cannot call `{name}` on null.", pos),
            _ => null,
        };
        if (result != null) return result;
        if (name == "toString" && args.Count == 0) return new StringValue(Display.Render(target));
        throw QueryException.InvalidQuery($"Type `{target.TypeName}` does not have method `{name}`.", pos);
    }

    private static Value? ModuleCall(Interpreter interp, ModuleValue m, string name, IReadOnlyList<Value> args) => m.Name switch
    {
        "Time" => TimeMethods.Module(interp, name, args),
        "Date" => DateMethods.Module(interp, name, args),
        "Math" => MathObjectModules.Math(name, args),
        "Object" => MathObjectModules.Object(name, args),
        "Set" => SetMethods.Module(interp, name, args),
        "Collection" => SchemaModules.Collection(interp, name, args),
        "Database" => SchemaModules.Database(interp, name, args),
        "Key" => SchemaModules.Key(interp, name, args),
        "Function" => UserFunctions.Module(interp, name, args),
        _ when interp.Txn.Collection(m.Name) != null => CollectionMethods.Call(interp, m.Name, name, args),
        _ => throw QueryException.InvalidQuery($"The module `{m.Name}` is not available in FaunaLocal."),
    };
}
