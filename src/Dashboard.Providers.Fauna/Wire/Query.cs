using System.Runtime.CompilerServices;

namespace Dashboard.Providers.Fauna.Wire;

/// <summary>
/// An FQL query template: source fragments written in our code, with values carried beside them as
/// <c>{"value": ...}</c> fragments. Built only through <see cref="Fql.Of"/>, whose literal parts are compile-time
/// text, so nothing a person types can ever become FQL source.
/// </summary>
public sealed class Query
{
    internal Query(IReadOnlyList<QueryFragment> fragments) => Fragments = fragments;

    internal IReadOnlyList<QueryFragment> Fragments { get; }
}

/// <summary>One piece of a template: FQL source, a value, or a nested query.</summary>
internal abstract record QueryFragment;

internal sealed record SourceFragment(string Text) : QueryFragment;

internal sealed record ValueFragment(object? Value) : QueryFragment;

internal sealed record NestedFragment(Query Query) : QueryFragment;

public static class Fql
{
    /// <summary>
    /// <c>Fql.Of($$"""User.byEmail({{email}}).first()""")</c>: the text is source, each hole is a value (a
    /// <see cref="Query"/> in a hole is spliced in as a nested template).
    /// </summary>
    public static Query Of(ref QueryHandler template) => template.Build();
}

[InterpolatedStringHandler]
public ref struct QueryHandler
{
    private readonly List<QueryFragment> _fragments;

    public QueryHandler(int literalLength, int formattedCount) => _fragments = new List<QueryFragment>(formattedCount * 2 + 1);

    public void AppendLiteral(string source) => _fragments.Add(new SourceFragment(source));

    public void AppendFormatted<T>(T value) =>
        _fragments.Add(value is Query nested ? new NestedFragment(nested) : new ValueFragment(value));

    internal Query Build() => new(_fragments);
}
