namespace FaunaLocal.Storage;

/// <summary>
/// One entry of an index: the document's term values, its covered values and its id. Entries sort by terms,
/// then values (each ascending or descending as declared), then id.
/// A probe with Values == null sorts before every entry with equal terms.
/// </summary>
public sealed record IndexEntry(Value[] Terms, Value[]? Values, long Id)
{
    public int Size => Terms.Sum(ValueSize.Estimate) + (Values?.Sum(ValueSize.Estimate) ?? 0) + 8;
}

public sealed class IndexEntryComparer(IndexDefinition definition) : IComparer<IndexEntry>
{
    public int Compare(IndexEntry? x, IndexEntry? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        var c = CompareArrays(x!.Terms, y!.Terms, null);
        if (c != 0) return c;
        if (x.Values == null || y.Values == null)
        {
            if (x.Values == null && y.Values == null) return x.Id.CompareTo(y.Id);
            return x.Values == null ? -1 : 1;
        }
        c = CompareArrays(x.Values, y.Values, definition.Values);
        return c != 0 ? c : x.Id.CompareTo(y.Id);
    }

    private static int CompareArrays(Value[] a, Value[] b, IReadOnlyList<IndexValue>? order)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = ValueComparer.Instance.Compare(a[i], b[i]);
            if (order != null && order[i].Descending) c = -c;
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }
}

/// <summary>Approximate stored size of a value in bytes, for index metering.</summary>
public static class ValueSize
{
    public static int Estimate(Value v) => v switch
    {
        StringValue s => System.Text.Encoding.UTF8.GetByteCount(s.Value) + 2,
        NumberValue or TimeValue or DateValue => 8,
        BoolValue or NullValue => 1,
        BytesValue b => b.Value.Length,
        ArrayValue a => a.Items.Sum(Estimate) + 2,
        ObjectValue o => o.Fields.Sum(f => f.Key.Length + Estimate(f.Value)) + 2,
        DocRefValue d => d.Collection.Length + 8,
        _ => 8,
    };
}
