namespace Dashboard.Operations.Costs;

/// <summary>One price on the sheet: dollars per <see cref="Per"/>, where it comes from and as of when. No amount = not set.</summary>
public sealed class Price
{
    public decimal? Usd { get; set; }

    /// <summary>What one <see cref="Usd"/> buys, e.g. "million write request units", "WCU-hour", "GB-month".</summary>
    public string Per { get; set; } = "";

    public string Source { get; set; } = "";

    public string AsOf { get; set; } = "";

    public bool IsSet => Usd is not null;

    public static Price Of(decimal? usd, string per, string source, string asOf) =>
        new() { Usd = usd, Per = per, Source = source, AsOf = asOf };
}
