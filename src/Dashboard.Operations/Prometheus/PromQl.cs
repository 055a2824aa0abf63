using System.Text;

namespace Dashboard.Operations.Prometheus;

/// <summary>The PromQL the ops pages send, built in one place.</summary>
public static class PromQl
{
    /// <summary>A label matcher list: the job, then <paramref name="more"/> (already formed matchers).</summary>
    public static string Selector(string job, string? tenant = null, params string[] more)
    {
        var parts = new List<string> { $"job={Quote(job)}" };
        if (tenant is not null) parts.Add($"{FleetMetrics.Tenant}={Quote(tenant)}");
        parts.AddRange(more);
        return "{" + string.Join(",", parts) + "}";
    }

    /// <summary>
    /// How much a counter grew within the window, summed by <paramref name="by"/>: at every <paramref name="step"/>
    /// its value less its value one step earlier, added up over the window (the sum telescopes to "last value less
    /// the value when the window began"). A step where the value went down — the instance restarted — counts the
    /// value after the restart; a series born inside the window (a new instance, a first call of its kind) counts
    /// from zero, as OpenTelemetry's counters do; one whose instance stopped keeps what it counted until its last
    /// scrape. Exact to within a step at each end of the window, unlike increase(), which extrapolates to the edges
    /// and misses a series' first value. The step should be at least the scrape interval.
    /// </summary>
    public static string WindowIncrease(string metric, string selector, string by, TimeSpan window, TimeSpan step, DateTimeOffset now)
    {
        var series = metric + selector;
        // "* 1" drops the metric name, as the subtraction does, so both branches are the same series.
        var steps = $"sum by ({by}) (sum_over_time((({series} - {series} offset {Duration(step)}) >= 0 or {series} * 1)[{Duration(window)}:{Duration(step)}]))";
        // The subquery's points are multiples of the step: the growth since the last of them is added on its own.
        var lastPoint = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / (long)step.TotalSeconds * (long)step.TotalSeconds);
        var at = lastPoint.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var tail = $"sum by ({by}) (({series} - {series} @ {at}) >= 0 or {series} * 1)";
        return now == lastPoint ? steps : $"({steps} + {tail}) or {steps} or {tail}";
    }

    /// <summary>
    /// How much a counter grew in the <paramref name="step"/> before each evaluation moment, summed by <paramref name="by"/>
    /// (a range query at that step gives one point per step whose values add up to the window's growth, as
    /// <see cref="WindowIncrease"/> counts it: a restart counts the value after it, a new series from zero).
    /// </summary>
    public static string StepGrowth(string metric, string selector, string by, TimeSpan step)
    {
        var series = metric + selector;
        return $"sum by ({by}) (({series} - {series} offset {Duration(step)}) >= 0 or {series} * 1)";
    }

    /// <summary>Per-second rate over <paramref name="range"/>, summed by <paramref name="by"/> (for chart points).</summary>
    public static string Rate(string metric, string selector, string by, TimeSpan range) =>
        $"sum by ({by}) (rate({metric}{selector}[{Duration(range)}]))";

    /// <summary>Growth over <paramref name="range"/> (a chart point's width), summed by <paramref name="by"/>.</summary>
    public static string Increase(string metric, string selector, string by, TimeSpan range) =>
        $"sum by ({by}) (increase({metric}{selector}[{Duration(range)}]))";

    /// <summary>A PromQL duration in whole seconds ("900s").</summary>
    public static string Duration(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";

    /// <summary>A double-quoted PromQL string: backslashes, quotes and line breaks escaped.</summary>
    public static string Quote(string value)
    {
        var s = new StringBuilder("\"");
        foreach (var c in value)
            s.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                _ => c.ToString(),
            });
        return s.Append('"').ToString();
    }
}
