namespace Dashboard.Providers.Fauna.Wire;

/// <summary>A document as Fauna sends it (<c>@doc</c>): its id, collection, last commit time and user fields.</summary>
public sealed record FaunaDocument(string Id, string Collection, DateTimeOffset Ts, IReadOnlyDictionary<string, object?> Data)
{
    public object? this[string field] => Data.GetValueOrDefault(field);
}

/// <summary>A reference (<c>@ref</c>); <see cref="Exists"/> is false for a missing document, with Fauna's cause.</summary>
public sealed record FaunaRef(string Id, string Collection, bool Exists = true, string? Cause = null);

/// <summary>A collection or other module (<c>@mod</c>).</summary>
public sealed record FaunaModule(string Name);

/// <summary>One page of a set: a top-level <c>@set</c>, or the <c>{ data, after }</c> object that paginate returns.</summary>
public sealed record FaunaPage(IReadOnlyList<object?> Data, string? After)
{
    /// <summary>Reads a page from a decoded result; a nested set (a bare cursor) has no data yet.</summary>
    public static FaunaPage From(object? value) => value switch
    {
        FaunaPage page => page,
        IReadOnlyDictionary<string, object?> o when o.GetValueOrDefault("data") is IReadOnlyList<object?> data =>
            new FaunaPage(data, o.GetValueOrDefault("after") as string),
        _ => throw new FaunaProtocolException($"Expected a page of a set, got {Describe(value)}."),
    };

    internal static string Describe(object? value) => value?.GetType().Name ?? "null";
}

/// <summary>What one query cost, as Fauna reports it in <c>stats</c>.</summary>
public sealed record QueryStats(
    long ReadOps,
    long WriteOps,
    long ComputeOps,
    long StorageBytesRead,
    long StorageBytesWrite,
    long QueryTimeMs,
    int ContentionRetries,
    IReadOnlyList<string> RateLimitsHit)
{
    public static QueryStats Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, []);
}

/// <summary>A successful answer: the decoded <c>data</c> plus the transaction time and stats.</summary>
public sealed record QueryResponse(object? Data, long TxnTs, QueryStats Stats, string? QueryTags);
