namespace Dashboard.Services.Live;

/// <summary>What the page says about a change seen live: who and when (from the audit log) and what moved.</summary>
public sealed record ChangeNotice(string? ChangedBy, DateTimeOffset? At, string What)
{
    public const string Outside = "Changed outside the dashboard";

    public static ChangeNotice Of(DataChange change, string what) => new(change.ChangedBy, change.At, what);

    /// <summary>"Changed by Sam Support at 10:42 UTC (status Pending → Processing)", or "Changed outside the dashboard (…)".</summary>
    public string Text
    {
        get
        {
            var head = ChangedBy is { } who
                ? At is { } at ? $"Changed by {who} at {at.UtcDateTime:HH:mm} UTC" : $"Changed by {who}"
                : Outside;
            return What.Length == 0 ? head : $"{head} ({What})";
        }
    }
}
