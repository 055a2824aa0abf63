namespace Dashboard.Operations.Load;

/// <summary>The load a run may ask for, checked the same way by the load tool and the app's /ops/load.</summary>
public static class LoadLimits
{
    public const int MaxRate = 5000;
    public const int MaxSeconds = 3600;

    /// <summary>What is wrong with the request, for people; null when it is fine.</summary>
    public static string? Problem(int? rps, int? seconds) =>
        rps is not (>= 1 and <= MaxRate) ? $"rps must be a whole number from 1 to {MaxRate}"
        : seconds is not (>= 1 and <= MaxSeconds) ? $"seconds must be a whole number from 1 to {MaxSeconds}"
        : null;
}
