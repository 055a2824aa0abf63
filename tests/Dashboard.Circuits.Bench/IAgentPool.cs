namespace Dashboard.Circuits.Bench;

/// <summary>N agents on one app, each with its own circuit: Chromium pages (the default) or SignalR-level clients.</summary>
internal interface IAgentPool : IAsyncDisposable
{
    /// <summary>Opens agents until there are <paramref name="count"/>, each on the start page with its circuit live.</summary>
    Task GrowToAsync(int count);

    /// <summary>
    /// Every agent works for <paramref name="duration"/>: next page ×3, previous ×3, open a user and back; returns
    /// each click's ms. Each agent ends on the start page.
    /// </summary>
    Task<List<double>> WorkAsync(TimeSpan duration, TimeSpan think);
}
