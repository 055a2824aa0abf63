namespace FaunaLocal.Storage;

/// <summary>A database: its collections, user-defined functions and child databases (one tenant each, typically).</summary>
public sealed record DatabaseState(
    ImmutableDictionary<string, CollectionState> Collections,
    ImmutableDictionary<string, ChildDatabase> Children,
    long SchemaTs)
{
    public ImmutableDictionary<string, FunctionDefinition> Functions { get; init; } = ImmutableDictionary<string, FunctionDefinition>.Empty;

    public static readonly DatabaseState Empty = new(
        ImmutableDictionary<string, CollectionState>.Empty, ImmutableDictionary<string, ChildDatabase>.Empty, 0);

    public DatabaseState? Navigate(IReadOnlyList<string> path)
    {
        var db = this;
        foreach (var name in path)
        {
            if (!db.Children.TryGetValue(name, out var child)) return null;
            db = child.State;
        }
        return db;
    }

    public DatabaseState UpdateAt(IReadOnlyList<string> path, Func<DatabaseState, DatabaseState> update, int depth = 0)
    {
        if (depth == path.Count) return update(this);
        var child = Children.TryGetValue(path[depth], out var c)
            ? c
            : throw new InvalidOperationException($"Database `{string.Join('/', path)}` does not exist");
        return this with { Children = Children.SetItem(child.Name, child with { State = child.State.UpdateAt(path, update, depth + 1) }) };
    }
}

public sealed record ChildDatabase(string Name, long Ts, DatabaseState State);

/// <summary>An access key: its secret opens the database at Path with the given role.</summary>
public sealed record KeyRecord(long Id, string Secret, ImmutableArray<string> Path, string Role, long Ts)
{
    public bool ReadOnly => Role == "server-readonly";
}

/// <summary>The whole server's committed state at one transaction time.</summary>
public sealed record StoreState(DatabaseState Root, ImmutableDictionary<string, KeyRecord> Keys, long LastTs)
{
    public static readonly StoreState Empty = new(DatabaseState.Empty, ImmutableDictionary<string, KeyRecord>.Empty, 0);
}
