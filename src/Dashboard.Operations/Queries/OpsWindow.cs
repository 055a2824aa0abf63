namespace Dashboard.Operations.Queries;

/// <summary>The time windows the ops pages offer, with their URL value ("15m", "1h", "24h") and chart resolution.</summary>
public sealed record OpsWindow(string Key, string Label, TimeSpan Span, int ChartPoints)
{
    public static readonly OpsWindow Last15Minutes = new("15m", "15 min", TimeSpan.FromMinutes(15), 90);
    public static readonly OpsWindow LastHour = new("1h", "1 h", TimeSpan.FromHours(1), 60);
    public static readonly OpsWindow Last24Hours = new("24h", "24 h", TimeSpan.FromHours(24), 72);

    public static IReadOnlyList<OpsWindow> All { get; } = [Last15Minutes, LastHour, Last24Hours];

    public static OpsWindow Default => Last15Minutes;

    /// <summary>The window for a URL value; unknown or missing values give the default.</summary>
    public static OpsWindow Parse(string? key) =>
        All.FirstOrDefault(w => string.Equals(w.Key, key, StringComparison.OrdinalIgnoreCase)) ?? Default;

    /// <summary>Labels for chart points (UTC): seconds when points are under a minute apart, else minutes.</summary>
    public string PointLabel(DateTimeOffset start, TimeSpan pointWidth) =>
        start.UtcDateTime.ToString(pointWidth < TimeSpan.FromMinutes(1) ? "HH:mm:ss" : "HH:mm");
}
