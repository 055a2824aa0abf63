namespace Dashboard.Operations.Metering;

/// <summary>How a store call ended, as the ops pages count it.</summary>
public enum StoreOutcome
{
    Ok,
    NotFound,
    Conflict,
    Validation,
    Throttled,
    Unavailable,
    Error,
}

public static class StoreOutcomes
{
    public const int Count = 7;

    public static IReadOnlyList<StoreOutcome> All { get; } = Enum.GetValues<StoreOutcome>();

    /// <summary>The typed store errors map one to one; anything else (a bug, a caller's cancellation) is "error".</summary>
    public static StoreOutcome Of(Exception e) => e switch
    {
        NotFoundException => StoreOutcome.NotFound,
        ConflictException => StoreOutcome.Conflict,
        ValidationException => StoreOutcome.Validation,
        ThrottledException => StoreOutcome.Throttled,
        BackendUnavailableException => StoreOutcome.Unavailable,
        _ => StoreOutcome.Error,
    };

    /// <summary>The tag value on the metrics and the ops pages ("ok", "not-found", ...).</summary>
    public static string Name(StoreOutcome outcome) => outcome switch
    {
        StoreOutcome.Ok => "ok",
        StoreOutcome.NotFound => "not-found",
        StoreOutcome.Conflict => "conflict",
        StoreOutcome.Validation => "validation",
        StoreOutcome.Throttled => "throttled",
        StoreOutcome.Unavailable => "unavailable",
        _ => "error",
    };

    /// <summary>Outcomes that mean the backend or our code failed (not the caller's input or a lost race).</summary>
    public static bool IsFailure(StoreOutcome outcome) =>
        outcome is StoreOutcome.Throttled or StoreOutcome.Unavailable or StoreOutcome.Error;
}
