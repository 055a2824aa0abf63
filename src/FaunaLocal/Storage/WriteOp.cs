namespace FaunaLocal.Storage;

/// <summary>
/// A logical write inside a transaction. Transactions apply them to their working state as they run and
/// the log records them, so replaying the log rebuilds exactly the committed states.
/// </summary>
public abstract record WriteOp(ImmutableArray<string> Path)
{
    public abstract StoreState Apply(StoreState state, long ts);

    protected static StoreState InDatabase(StoreState s, ImmutableArray<string> path, Func<DatabaseState, DatabaseState> f) =>
        s with { Root = s.Root.UpdateAt(path, f) };
}

public sealed record PutDocument(ImmutableArray<string> Path, string Collection, Document Doc) : WriteOp(Path)
{
    public override StoreState Apply(StoreState state, long ts) => InDatabase(state, Path, db =>
        db with { Collections = db.Collections.SetItem(Collection, db.Collections[Collection].WithDocument(Doc.Id, Doc)) });
}

public sealed record DeleteDocument(ImmutableArray<string> Path, string Collection, long Id) : WriteOp(Path)
{
    public override StoreState Apply(StoreState state, long ts) => InDatabase(state, Path, db =>
        db with { Collections = db.Collections.SetItem(Collection, db.Collections[Collection].WithDocument(Id, null)) });
}

/// <summary>Creates a collection or changes its schema (indexes are rebuilt from the documents).</summary>
public sealed record PutCollection(ImmutableArray<string> Path, CollectionSchema Schema) : WriteOp(Path)
{
    public override StoreState Apply(StoreState state, long ts) => InDatabase(state, Path, db =>
        db with
        {
            Collections = db.Collections.SetItem(Schema.Name, db.Collections.TryGetValue(Schema.Name, out var existing)
                ? existing.WithSchema(Schema)
                : CollectionState.Create(Schema)),
            SchemaTs = ts,
        });
}

public sealed record DeleteCollection(ImmutableArray<string> Path, string Name) : WriteOp(Path)
{
    public override StoreState Apply(StoreState state, long ts) =>
        InDatabase(state, Path, db => db with { Collections = db.Collections.Remove(Name), SchemaTs = ts });
}

public sealed record PutDatabase(ImmutableArray<string> Path, string Name) : WriteOp(Path)
{
    public override StoreState Apply(StoreState state, long ts) => InDatabase(state, Path, db =>
        db with { Children = db.Children.SetItem(Name, new ChildDatabase(Name, ts, DatabaseState.Empty)), SchemaTs = ts });
}

/// <summary>Removes a child database with everything in it, and every key that opened it or its descendants.</summary>
public sealed record DeleteDatabase(ImmutableArray<string> Path, string Name) : WriteOp(Path)
{
    public override StoreState Apply(StoreState state, long ts)
    {
        var gone = Path.Add(Name);
        var keys = state.Keys.Where(k => !k.Value.Path.Take(gone.Length).SequenceEqual(gone) || k.Value.Path.Length < gone.Length);
        return InDatabase(state, Path, db => db with { Children = db.Children.Remove(Name), SchemaTs = ts })
            with { Keys = keys.ToImmutableDictionary() };
    }
}

public sealed record PutKey(KeyRecord Key) : WriteOp(Key.Path)
{
    public override StoreState Apply(StoreState state, long ts) => state with { Keys = state.Keys.SetItem(Key.Secret, Key) };
}

public sealed record DeleteKey(ImmutableArray<string> Path, string Secret) : WriteOp(Path)
{
    public override StoreState Apply(StoreState state, long ts) => state with { Keys = state.Keys.Remove(Secret) };
}
