namespace FaunaLocal.Storage;

/// <summary>
/// A user-defined function: its FQL body (a lambda, kept as source text) and optional metadata. FaunaLocal has
/// no roles, so a function always runs with the privileges of the secret that calls it.
/// </summary>
public sealed record FunctionDefinition(string Name, string Body, string? Signature, ObjectValue? Data, long Ts);

public sealed record PutFunction(ImmutableArray<string> Path, FunctionDefinition Function) : WriteOp(Path)
{
    public override StoreState Apply(StoreState state, long ts) => InDatabase(state, Path, db =>
        db with { Functions = db.Functions.SetItem(Function.Name, Function), SchemaTs = ts });
}

public sealed record DeleteFunction(ImmutableArray<string> Path, string Name) : WriteOp(Path)
{
    public override StoreState Apply(StoreState state, long ts) =>
        InDatabase(state, Path, db => db with { Functions = db.Functions.Remove(Name), SchemaTs = ts });
}
