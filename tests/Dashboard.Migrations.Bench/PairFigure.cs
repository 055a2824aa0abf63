namespace Dashboard.Migrations.Bench;

/// <summary>One measured pair: copy and whole-run seconds, the catch-up path, the verification, and the load around it; <see cref="Error"/> when it failed.</summary>
public sealed record PairFigure(string From, string To, double CopySeconds, double RunSeconds, string CatchUp, string Verified, long Retries,
    string LoadAtStart, string LoadAtEnd, string? Error)
{
    public string Row(int rows) => Error is null
        ? $"| {From} → {To} | {rows / CopySeconds:N0} | {CopySeconds:F1} s | {RunSeconds:F1} s | {CatchUp} | {Verified} | {Retries} | {LoadAtStart} → {LoadAtEnd} |"
        : $"| {From} → {To} | failed | {CopySeconds:F1} s | {RunSeconds:F1} s | - | {Error} | {Retries} | {LoadAtStart} → {LoadAtEnd} |";
}
