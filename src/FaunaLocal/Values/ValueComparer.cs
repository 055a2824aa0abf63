namespace FaunaLocal.Values;

/// <summary>
/// Equality and a total order over values: numbers compare by magnitude whatever their width, other types
/// by a fixed rank, so index entries and `order()` can sort mixed data deterministically.
/// </summary>
public sealed class ValueComparer : IComparer<Value>, IEqualityComparer<Value>
{
    public static readonly ValueComparer Instance = new();

    private static int Rank(Value v) => v switch
    {
        NullValue => 0,
        BoolValue => 1,
        NumberValue => 2,
        StringValue => 3,
        DateValue => 4,
        TimeValue => 5,
        BytesValue => 6,
        UuidValue => 7,
        ArrayValue => 8,
        ObjectValue => 9,
        DocRefValue => 10,
        NamedDocValue => 11,
        ModuleValue => 12,
        _ => 13,
    };

    public int Compare(Value? x, Value? y)
    {
        x ??= NullValue.Instance;
        y ??= NullValue.Instance;
        if (ReferenceEquals(x, y)) return 0;
        var r = Rank(x).CompareTo(Rank(y));
        if (r != 0) return r;
        switch (x)
        {
            case BoolValue a: return a.Value.CompareTo(((BoolValue)y).Value);
            case NumberValue a: return CompareNumbers(a, (NumberValue)y);
            case StringValue a: return string.CompareOrdinal(a.Value, ((StringValue)y).Value);
            case DateValue a: return a.Value.CompareTo(((DateValue)y).Value);
            case TimeValue a: return a.Micros.CompareTo(((TimeValue)y).Micros);
            case BytesValue a: return a.Value.AsSpan().SequenceCompareTo(((BytesValue)y).Value);
            case UuidValue a: return a.Value.CompareTo(((UuidValue)y).Value);
            case ArrayValue a:
            {
                var b = (ArrayValue)y;
                for (var i = 0; i < Math.Min(a.Items.Length, b.Items.Length); i++)
                {
                    var c = Compare(a.Items[i], b.Items[i]);
                    if (c != 0) return c;
                }
                return a.Items.Length.CompareTo(b.Items.Length);
            }
            case ObjectValue a:
            {
                var b = (ObjectValue)y;
                using var ea = a.Fields.GetEnumerator();
                using var eb = b.Fields.GetEnumerator();
                while (true)
                {
                    var ha = ea.MoveNext();
                    var hb = eb.MoveNext();
                    if (!ha || !hb) return ha.CompareTo(hb);
                    var c = string.CompareOrdinal(ea.Current.Key, eb.Current.Key);
                    if (c != 0) return c;
                    c = Compare(ea.Current.Value, eb.Current.Value);
                    if (c != 0) return c;
                }
            }
            case DocRefValue a:
            {
                var b = (DocRefValue)y;
                var c = string.CompareOrdinal(a.Collection, b.Collection);
                return c != 0 ? c : a.Id.CompareTo(b.Id);
            }
            case NamedDocValue a:
            {
                var b = (NamedDocValue)y;
                var c = string.CompareOrdinal(a.Module, b.Module);
                return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
            }
            case ModuleValue a: return string.CompareOrdinal(a.Name, ((ModuleValue)y).Name);
            default: return ReferenceEquals(x, y) ? 0 : x.GetHashCode().CompareTo(y.GetHashCode());
        }
    }

    private static int CompareNumbers(NumberValue a, NumberValue b)
    {
        if (a is DoubleValue || b is DoubleValue) return a.AsDouble.CompareTo(b.AsDouble);
        return ToLong(a).CompareTo(ToLong(b));
    }

    private static long ToLong(NumberValue n) => n switch { IntValue i => i.Value, LongValue l => l.Value, _ => (long)n.AsDouble };

    public bool Equals(Value? x, Value? y) => Compare(x, y) == 0;

    public int GetHashCode(Value v) => v switch
    {
        NumberValue n => n.AsDouble.GetHashCode(),
        StringValue s => s.Value.GetHashCode(StringComparison.Ordinal),
        DocRefValue d => HashCode.Combine(d.Collection, d.Id),
        ArrayValue a => a.Items.Length,
        ObjectValue o => o.Count,
        TimeValue t => t.Micros.GetHashCode(),
        _ => Rank(v),
    };
}
