using System.Globalization;
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
    /// How much a counter grew within the window, per series, summed by <paramref name="by"/>: its last value in the
    /// window less its value when the window began. A series born inside the window (an instance started, a
    /// first call of its kind) counts from zero, as OpenTelemetry's counters do; one that went down (its instance
    /// restarted) counts from its restart. Series of an instance that stopped inside the window keep what they
    /// counted until their last scrape. Exact to within one scrape interval at each end of the window —
    /// unlike increase(), which extrapolates to the window's edges and misses a series' first value.
    /// </summary>
    public static string WindowIncrease(string metric, string selector, string by, TimeSpan window)
    {
        var w = Duration(window);
        var last = $"last_over_time({metric}{selector}[{w}])";
        return $"sum by ({by}) (({last} - {metric}{selector} offset {w}) >= 0 or {last})";
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
