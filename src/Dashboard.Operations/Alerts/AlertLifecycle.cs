using Dashboard.Core.Alerts;

namespace Dashboard.Operations.Alerts;

/// <summary>What the evaluator does with one alert key this round.</summary>
public enum AlertStep
{
    /// <summary>Nothing open and nothing to open (clear, or breached for less than the fire-after time).</summary>
    None,
    /// <summary>Open a firing alert.</summary>
    Fire,
    /// <summary>Keep the open alert and record this round's value.</summary>
    Observe,
    /// <summary>The condition has been clear for the hold time: resolve.</summary>
    Resolve,
}

/// <summary>
/// The life cycle as a pure decision: an alert fires once its condition has held for <c>FireAfter</c>, stays open
/// (firing or acknowledged) while it keeps breaching, and resolves only after <c>ResolveAfterClear</c> without a
/// breach. A condition that flaps inside the hold time therefore keeps one alert open instead of opening many.
/// </summary>
public static class AlertLifecycle
{
    /// <param name="open">The key's open alert, if any.</param>
    /// <param name="breachingSince">When the key's current run of breaches began (pending, before it fires); null when clear.</param>
    /// <param name="breached">Whether the condition is breached now; false also when the condition is no longer evaluated (rule off, tenant gone).</param>
    public static AlertStep Next(AlertRecord? open, DateTimeOffset? breachingSince, bool breached, DateTimeOffset now, TimeSpan fireAfter, TimeSpan resolveAfterClear)
    {
        if (open is not null)
        {
            if (breached) return AlertStep.Observe;
            return now - open.LastBreachAt >= resolveAfterClear ? AlertStep.Resolve : AlertStep.Observe;
        }
        if (!breached) return AlertStep.None;
        return now - (breachingSince ?? now) >= fireAfter ? AlertStep.Fire : AlertStep.None;
    }
}
