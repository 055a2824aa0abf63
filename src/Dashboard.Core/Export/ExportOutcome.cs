namespace Dashboard.Core.Export;

public enum ExportResult
{
    Completed,
    Cancelled,
    Failed,
}

/// <summary>How an export ended: its rows written, and for a failure the error (a typed store error, usually).</summary>
public sealed record ExportOutcome(ExportResult Result, long Rows, Exception? Error = null)
{
    public bool Completed => Result == ExportResult.Completed;
}
