namespace FaunaLocal.Values;

/// <summary>An FQL value. Instances are immutable; collections are never changed after construction.</summary>
public abstract class Value
{
    public abstract string TypeName { get; }
    public override string ToString() => Display.Render(this);
}

public sealed class NullValue : Value
{
    public static readonly NullValue Instance = new();
    private NullValue() { }
    public override string TypeName => "Null";
}

public sealed class BoolValue : Value
{
    public static readonly BoolValue True = new(true);
    public static readonly BoolValue False = new(false);
    public bool Value { get; }
    private BoolValue(bool value) => Value = value;
    public static BoolValue Of(bool value) => value ? True : False;
    public override string TypeName => "Boolean";
}

/// <summary>Int, Long and Double share arithmetic; the concrete class keeps the wire tag.</summary>
public abstract class NumberValue : Value
{
    public abstract double AsDouble { get; }
}

public sealed class IntValue(int value) : NumberValue
{
    public int Value { get; } = value;
    public override double AsDouble => Value;
    public override string TypeName => "Int";
}

public sealed class LongValue(long value) : NumberValue
{
    public long Value { get; } = value;
    public override double AsDouble => Value;
    public override string TypeName => "Long";
}

public sealed class DoubleValue(double value) : NumberValue
{
    public double Value { get; } = value;
    public override double AsDouble => Value;
    public override string TypeName => "Double";
}

public sealed class StringValue(string value) : Value
{
    public static readonly StringValue Empty = new("");
    public string Value { get; } = value;
    public override string TypeName => "String";
}

public sealed class DateValue(DateOnly value) : Value
{
    public DateOnly Value { get; } = value;
    public override string TypeName => "Date";
}

/// <summary>A UTC instant with microsecond precision, as Fauna keeps it.</summary>
public sealed class TimeValue(long micros) : Value
{
    public long Micros { get; } = micros;
    public override string TypeName => "Time";
}

public sealed class BytesValue(byte[] value) : Value
{
    public byte[] Value { get; } = value;
    public override string TypeName => "Bytes";
}

public sealed class UuidValue(Guid value) : Value
{
    public Guid Value { get; } = value;
    public override string TypeName => "UUID";
}

public sealed class ArrayValue(ImmutableArray<Value> items) : Value
{
    public static readonly ArrayValue Empty = new(ImmutableArray<Value>.Empty);
    public ImmutableArray<Value> Items { get; } = items;
    public ArrayValue(IEnumerable<Value> items) : this(items.ToImmutableArray()) { }
    public override string TypeName => "Array";
}

/// <summary>A struct-like object; keys keep insertion order, as the wire shows them.</summary>
public sealed class ObjectValue : Value
{
    public static readonly ObjectValue Empty = new(new OrderedDictionary<string, Value>());
    private readonly OrderedDictionary<string, Value> _fields;

    public ObjectValue(OrderedDictionary<string, Value> fields) => _fields = fields;

    public ObjectValue(IEnumerable<KeyValuePair<string, Value>> fields)
    {
        _fields = new OrderedDictionary<string, Value>();
        foreach (var (k, v) in fields) _fields[k] = v;
    }

    public IEnumerable<KeyValuePair<string, Value>> Fields => _fields;
    public IEnumerable<string> Keys => _fields.Keys;
    public int Count => _fields.Count;
    public Value? Get(string key) => _fields.TryGetValue(key, out var v) ? v : null;
    public bool Has(string key) => _fields.ContainsKey(key);
    public override string TypeName => "Object";
}

/// <summary>A module: a user collection (`User`) or a built-in one (`Time`, `Collection`, ...).</summary>
public sealed class ModuleValue(string name) : Value
{
    public string Name { get; } = name;
    public override string TypeName => "Module";
}

/// <summary>A reference to a document by collection and id. Reading its fields looks it up in the transaction.</summary>
public sealed class DocRefValue(string collection, long id) : Value
{
    public string Collection { get; } = collection;
    public long Id { get; } = id;
    public override string TypeName => Collection;
}

/// <summary>A schema document addressed by name: a collection definition or a child database.</summary>
public sealed class NamedDocValue(string module, string name) : Value
{
    public string Module { get; } = module;
    public string Name { get; } = name;
    public override string TypeName => Module + "Def";
}
