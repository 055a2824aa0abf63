namespace FaunaLocal.Engine;

/// <summary>
/// A query failure that maps to a 400 response: Fauna's error code, a message, and where in the query it happened.
/// </summary>
public sealed class QueryException(string code, string message, int pos = -1) : Exception(message)
{
    public string Code { get; } = code;
    public int Pos { get; internal set; } = pos;
    public Value? AbortValue { get; init; }
    public IReadOnlyList<ConstraintFailure>? ConstraintFailures { get; init; }

    public static QueryException InvalidQuery(string message, int pos = -1) => new("invalid_query", message, pos);
    public static QueryException InvalidArgument(string message, int pos = -1) => new("invalid_argument", message, pos);
    public static QueryException NullValue(string message, int pos = -1) => new("null_value", message, pos);
    public static QueryException Bounds(string message, int pos = -1) => new("invalid_bounds", message, pos);
}

public sealed record ConstraintFailure(IReadOnlyList<IReadOnlyList<string>> Paths, string Message);
