namespace FaunaLocal.Engine.Methods;

/// <summary>Field access (`a.b`) and indexing (`a[i]`).</summary>
public static class Members
{
    public static Value Get(Interpreter interp, Value target, string name, int pos)
    {
        switch (target)
        {
            case NullValue:
                throw QueryException.NullValue($"Cannot access `{name}` on null.", pos);
            case DocRefValue d:
                return Documents.Field(interp, d, name, pos);
            case ObjectValue o:
                return o.Get(name) ?? NullValue.Instance;
            case StringValue s when name == "length":
                return new IntValue(s.Value.Length);
            case ArrayValue a when name == "length":
                return new IntValue(a.Items.Length);
            case NamedDocValue n:
                return SchemaDocuments.Field(interp, n, name, pos);
            case TimeValue t:
                return TimeMethods.Field(t, name) ?? throw NoField(target, name, pos);
            case DateValue d:
                return DateMethods.Field(d, name) ?? throw NoField(target, name, pos);
            case ModuleValue m:
                if (name == "definition" && interp.Txn.Collection(m.Name) != null) return new NamedDocValue("Collection", m.Name);
                return new NativeFunctionValue(m.Name + "." + name, (i, args, p) => i.CallMethod(target, name, args, p));
            case UserFunctionValue f when name == "definition":
                return new NamedDocValue("Function", f.Name);
            case SetValue or ArrayValue or StringValue or Streams.EventSourceValue:
                return new NativeFunctionValue(name, (i, args, p) => i.CallMethod(target, name, args, p));
            default:
                throw NoField(target, name, pos);
        }
    }

    private static QueryException NoField(Value target, string name, int pos) =>
        QueryException.InvalidQuery($"Type `{target.TypeName}` does not have field `{name}`.", pos);

    public static Value Index(Interpreter interp, Value target, Value index, int pos)
    {
        switch (target)
        {
            case ArrayValue a when index is IntValue or LongValue:
            {
                var i = Arithmetic.ToLong((NumberValue)index);
                if (i < 0 || i >= a.Items.Length)
                    throw QueryException.Bounds($"Index {i} is out of bounds for an array of length {a.Items.Length}.", pos);
                return a.Items[(int)i];
            }
            case StringValue s when index is IntValue or LongValue:
            {
                var i = Arithmetic.ToLong((NumberValue)index);
                if (i < 0 || i >= s.Value.Length)
                    throw QueryException.Bounds($"Index {i} is out of bounds for a string of length {s.Value.Length}.", pos);
                return new StringValue(s.Value[(int)i].ToString());
            }
            case ObjectValue or DocRefValue or NamedDocValue when index is StringValue key:
                return Get(interp, target, key.Value, pos);
            case NullValue:
                throw QueryException.NullValue("Cannot index into null.", pos);
            default:
                throw QueryException.InvalidArgument($"Cannot index {target.TypeName} with {index.TypeName}.", pos);
        }
    }
}
