namespace FaunaLocal.Storage;

/// <summary>
/// One collection at one point in time: documents by id, ids in order (for `all()`), and every index's
/// entries. Immutable: a write returns a new state sharing almost everything with the old one.
/// </summary>
public sealed record CollectionState(
    CollectionSchema Schema,
    ImmutableDictionary<long, Document> Docs,
    ImmutableSortedSet<long> Ids,
    ImmutableDictionary<string, ImmutableSortedSet<IndexEntry>> Indexes)
{
    public static CollectionState Create(CollectionSchema schema) =>
        new CollectionState(schema, ImmutableDictionary<long, Document>.Empty, ImmutableSortedSet<long>.Empty,
            ImmutableDictionary<string, ImmutableSortedSet<IndexEntry>>.Empty).WithSchema(schema);

    public IndexDefinition? FindIndex(string name) => Schema.AllIndexes().FirstOrDefault(i => i.Name == name);

    /// <summary>Stored bytes of the documents, kept current by every write so reporting it never scans.</summary>
    public long DocumentBytes { get; private init; }

    /// <summary>Stored bytes of every index's entries (unique constraints' included), kept current like <see cref="DocumentBytes"/>.</summary>
    public long IndexBytes { get; private init; }

    /// <summary>Replaces the schema and rebuilds every index from the documents.</summary>
    public CollectionState WithSchema(CollectionSchema schema)
    {
        var indexes = ImmutableDictionary.CreateBuilder<string, ImmutableSortedSet<IndexEntry>>();
        var indexBytes = 0L;
        foreach (var def in schema.AllIndexes())
        {
            var builder = ImmutableSortedSet.CreateBuilder(new IndexEntryComparer(def));
            foreach (var doc in Docs.Values) builder.Add(EntryFor(def, doc));
            indexes[def.Name] = builder.ToImmutable();
            indexBytes += builder.Sum(e => (long)e.Size);
        }
        return this with
        {
            Schema = schema, Indexes = indexes.ToImmutable(),
            DocumentBytes = Docs.Values.Sum(d => (long)d.Size), IndexBytes = indexBytes,
        };
    }

    public static IndexEntry EntryFor(IndexDefinition def, Document doc) =>
        new([.. def.Terms.Select(t => t.Read(doc))], [.. def.Values.Select(v => v.Field.Read(doc))], doc.Id);

    /// <summary>Puts (new != null) or removes (new == null) a document, maintaining every index.</summary>
    public CollectionState WithDocument(long id, Document? newDoc)
    {
        Docs.TryGetValue(id, out var old);
        var indexes = Indexes;
        var indexBytes = IndexBytes;
        foreach (var def in Schema.AllIndexes())
        {
            var set = indexes[def.Name];
            // An immutable set returns itself when nothing changed: only entries really removed or added count.
            if (old != null && EntryFor(def, old) is var gone && set.Remove(gone) is var without && !ReferenceEquals(without, set))
            {
                set = without;
                indexBytes -= gone.Size;
            }
            if (newDoc != null && EntryFor(def, newDoc) is var added && set.Add(added) is var grown && !ReferenceEquals(grown, set))
            {
                set = grown;
                indexBytes += added.Size;
            }
            indexes = indexes.SetItem(def.Name, set);
        }
        var documentBytes = DocumentBytes - (old?.Size ?? 0) + (newDoc?.Size ?? 0);
        return newDoc == null
            ? this with { Docs = Docs.Remove(id), Ids = Ids.Remove(id), Indexes = indexes, DocumentBytes = documentBytes, IndexBytes = indexBytes }
            : this with
            {
                Docs = Docs.SetItem(id, newDoc), Ids = old == null ? Ids.Add(id) : Ids, Indexes = indexes,
                DocumentBytes = documentBytes, IndexBytes = indexBytes,
            };
    }

    /// <summary>The documents holding the same values for a unique constraint, other than the one being written.</summary>
    public IEnumerable<long> UniqueConflicts(int ordinal, Document doc)
    {
        var constraint = Schema.Uniques[ordinal];
        var def = new IndexDefinition(constraint.IndexName(ordinal), constraint.Fields, []);
        var probe = EntryFor(def, doc);
        if (probe.Terms.All(t => t is NullValue)) yield break;
        var set = Indexes[def.Name];
        var start = set.IndexOf(probe with { Values = null, Id = long.MinValue });
        for (var i = start < 0 ? ~start : start; i < set.Count; i++)
        {
            var e = set[i];
            if (!e.Terms.AsSpan().SequenceEqual(probe.Terms, ValueComparer.Instance)) yield break;
            if (e.Id != doc.Id) yield return e.Id;
        }
    }
}
