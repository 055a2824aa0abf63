using System.Collections.Immutable;
using FaunaLocal.Values;

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

    /// <summary>Replaces the schema and rebuilds every index from the documents.</summary>
    public CollectionState WithSchema(CollectionSchema schema)
    {
        var indexes = ImmutableDictionary.CreateBuilder<string, ImmutableSortedSet<IndexEntry>>();
        foreach (var def in schema.AllIndexes())
        {
            var builder = ImmutableSortedSet.CreateBuilder(new IndexEntryComparer(def));
            foreach (var doc in Docs.Values) builder.Add(EntryFor(def, doc));
            indexes[def.Name] = builder.ToImmutable();
        }
        return this with { Schema = schema, Indexes = indexes.ToImmutable() };
    }

    public static IndexEntry EntryFor(IndexDefinition def, Document doc) =>
        new([.. def.Terms.Select(t => t.Read(doc))], [.. def.Values.Select(v => v.Field.Read(doc))], doc.Id);

    /// <summary>Puts (new != null) or removes (new == null) a document, maintaining every index.</summary>
    public CollectionState WithDocument(long id, Document? newDoc)
    {
        Docs.TryGetValue(id, out var old);
        var indexes = Indexes;
        foreach (var def in Schema.AllIndexes())
        {
            var set = indexes[def.Name];
            if (old != null) set = set.Remove(EntryFor(def, old));
            if (newDoc != null) set = set.Add(EntryFor(def, newDoc));
            indexes = indexes.SetItem(def.Name, set);
        }
        return newDoc == null
            ? this with { Docs = Docs.Remove(id), Ids = Ids.Remove(id), Indexes = indexes }
            : this with { Docs = Docs.SetItem(id, newDoc), Ids = old == null ? Ids.Add(id) : Ids, Indexes = indexes };
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
