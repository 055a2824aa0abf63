namespace FaunaLocal.Storage;

/// <summary>A field path such as `.address.city`; `id` and `ts` address the document's own fields.</summary>
public sealed record FieldPath(ImmutableArray<string> Segments)
{
    public static FieldPath Parse(string text)
    {
        var t = text.StartsWith('.') ? text[1..] : text;
        var parts = t.Split('.');
        if (t.Length == 0 || parts.Any(p => p.Length == 0)) throw new FormatException($"Invalid field path `{text}`");
        return new FieldPath([.. parts]);
    }

    public override string ToString() => "." + string.Join('.', Segments);

    public Value Read(Document doc)
    {
        var first = Segments[0];
        Value current = first switch
        {
            "id" => new StringValue(doc.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "ts" => new TimeValue(doc.Ts),
            _ => doc.Data.Get(first) ?? NullValue.Instance,
        };
        for (var i = 1; i < Segments.Length; i++)
            current = current is ObjectValue o ? o.Get(Segments[i]) ?? NullValue.Instance : NullValue.Instance;
        return current;
    }
}

public sealed record IndexValue(FieldPath Field, bool Descending);

public sealed record IndexDefinition(string Name, ImmutableArray<FieldPath> Terms, ImmutableArray<IndexValue> Values)
{
    /// <summary>Fauna spreads an index without terms over 8 partitions; reading one costs a read op per partition.</summary>
    public int Partitions => Terms.Length == 0 ? 8 : 1;
}

public sealed record UniqueConstraint(ImmutableArray<FieldPath> Fields)
{
    public string IndexName(int ordinal) => "$unique" + ordinal;
}

public sealed record CollectionSchema(
    string Name,
    ImmutableArray<IndexDefinition> Indexes,
    ImmutableArray<UniqueConstraint> Uniques,
    long Ts)
{
    /// <summary>Every index the collection maintains: the user's, then one per unique constraint.</summary>
    public IEnumerable<IndexDefinition> AllIndexes() =>
        Indexes.Concat(Uniques.Select((u, i) => new IndexDefinition(u.IndexName(i), u.Fields, [])));
}

/// <summary>
/// A stored document: the user's fields plus id, the commit time of its last write and, optionally, the time it
/// expires at (`ttl`, µs). From its ttl on the document reads as missing.
/// </summary>
public sealed record Document(long Id, long Ts, ObjectValue Data, int Size, long? Ttl = null)
{
    public bool ExpiredAt(long ts) => Ttl is { } ttl && ttl <= ts;
}
