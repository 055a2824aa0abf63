using Dashboard.Operations.Queries;
using Dashboard.Operations.Resilience;

namespace Dashboard.Services;

/// <summary>
/// The throttling page's circuits: every circuit not closed (those are the news), then closed ones up to
/// <see cref="Shown"/>, so a fleet of thousands of tenants renders a screenful, not a row per live tenant.
/// </summary>
public static class CircuitList
{
    public const int Shown = 20;

    public static IReadOnlyList<CircuitRow> Select(IReadOnlyList<CircuitRow> all)
    {
        var notClosed = all.Where(c => c.State != CircuitState.Closed).ToList();
        return notClosed.Concat(all.Where(c => c.State == CircuitState.Closed).Take(Math.Max(0, Shown - notClosed.Count))).ToList();
    }
}
