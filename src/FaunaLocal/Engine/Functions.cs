namespace FaunaLocal.Engine;

public abstract class FunctionValue : Value
{
    public override string TypeName => "Function";
    public abstract string Name { get; }
}

/// <summary>A user lambda with the scope it closed over.</summary>
public sealed class LambdaValue(Lambda node, Env closure) : FunctionValue
{
    public Lambda Node { get; } = node;
    public Env Closure { get; } = closure;
    public override string Name => "<anonymous>";
}

/// <summary>A built-in function such as `abort` or a method bound to its receiver.</summary>
public sealed class NativeFunctionValue(string name, Func<Interpreter, IReadOnlyList<Value>, int, Value> invoke) : FunctionValue
{
    public override string Name { get; } = name;
    public Value Invoke(Interpreter interp, IReadOnlyList<Value> args, int pos) => invoke(interp, args, pos);
}

/// <summary>Lexical scope: a chain of variable frames. The root frame holds the request's arguments.</summary>
public sealed class Env(Env? parent)
{
    private Dictionary<string, Value>? _vars;
    public Env? Parent { get; } = parent;

    public void Define(string name, Value value) => (_vars ??= new Dictionary<string, Value>(StringComparer.Ordinal))[name] = value;

    public bool TryGet(string name, out Value value)
    {
        for (var e = this; e != null; e = e.Parent)
        {
            if (e._vars != null && e._vars.TryGetValue(name, out var v))
            {
                value = v;
                return true;
            }
        }
        value = NullValue.Instance;
        return false;
    }
}

/// <summary>An ordering built by asc(f) / desc(f) for `order()`.</summary>
public sealed class OrderingValue(FunctionValue key, bool descending) : Value
{
    public FunctionValue Key { get; } = key;
    public bool Descending { get; } = descending;
    public override string TypeName => "Ordering";
}
