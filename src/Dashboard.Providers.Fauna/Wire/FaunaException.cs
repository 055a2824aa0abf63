namespace Dashboard.Providers.Fauna.Wire;

/// <summary>
/// An error answer from Fauna: the HTTP status and Fauna's <c>error.code</c> (drivers map by code), the value
/// passed to <c>abort()</c>, the paths of failed constraints and the human summary (with the position).
/// </summary>
public sealed class FaunaException(
    int status,
    string code,
    string message,
    string? summary = null,
    object? abort = null,
    IReadOnlyList<ConstraintFailure>? constraintFailures = null,
    QueryStats? stats = null)
    : Exception($"Fauna {status} {code}: {message}")
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string ErrorMessage { get; } = message;
    public string? Summary { get; } = summary;
    public object? Abort { get; } = abort;
    public IReadOnlyList<ConstraintFailure> ConstraintFailures { get; } = constraintFailures ?? [];
    public QueryStats Stats { get; } = stats ?? QueryStats.Empty;

    /// <summary>The <c>code</c> field of an aborted query's value (<c>abort({ code: "stale" })</c>), if any.</summary>
    public string? AbortCode => Code == "abort" && Abort is IReadOnlyDictionary<string, object?> o ? o.GetValueOrDefault("code") as string : null;

    /// <summary>True when a constraint on the given top-level field failed (e.g. the unique email).</summary>
    public bool FailedConstraintOn(string field) =>
        Code == "constraint_failure" && ConstraintFailures.Any(f => f.Paths.Any(p => p is [var first, ..] && first == field));

    public bool IsThrottled => Status == 429 || Code == "limit_exceeded";
}

/// <summary>One failed constraint: the field paths it covers and Fauna's message.</summary>
public sealed record ConstraintFailure(IReadOnlyList<IReadOnlyList<string>> Paths, string Message);

/// <summary>An answer that does not follow the wire format (not JSON, missing fields).</summary>
public sealed class FaunaProtocolException(string message, Exception? inner = null) : Exception(message, inner);
