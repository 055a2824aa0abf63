namespace FaunaLocal.Engine.Sets;

/// <summary>
/// A lazy set: where its elements come from plus the stages applied to them. Nothing is read until the set
/// is paginated, counted, or iterated, and a page boundary is a key, never an offset.
/// </summary>
public sealed class SetValue(SetSource source, ImmutableArray<SetStage> stages, int? pageSize = null) : Value
{
    public SetSource Source { get; } = source;
    public ImmutableArray<SetStage> Stages { get; } = stages;
    public int? PageSize { get; } = pageSize;
    public override string TypeName => "Set";

    public SetValue With(SetStage stage) => new(Source, Stages.Add(stage), PageSize);
    public SetValue WithPageSize(int size) => new(Source, Stages, size);

    public static SetValue FromArray(ImmutableArray<Value> items) => new(new ArraySource(items), []);
}

public abstract record SetSource;

/// <summary>Documents of a collection through an index with fixed terms; Index == null is `all()` (by id).</summary>
public sealed record IndexSource(string Collection, string? Index, ImmutableArray<Value> Terms) : SetSource;

public sealed record ArraySource(ImmutableArray<Value> Items) : SetSource;

public abstract record SetStage;

public sealed record WhereStage(FunctionValue Predicate) : SetStage;

public sealed record MapStage(FunctionValue Mapper) : SetStage;

public sealed record OrderStage(ImmutableArray<OrderingValue> Orderings) : SetStage;

public sealed record TakeStage(int Count) : SetStage;

public sealed record DropStage(int Count) : SetStage;
