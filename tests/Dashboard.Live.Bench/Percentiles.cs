namespace Dashboard.Live.Bench;

public static class Percentiles
{
    /// <summary>The p-th percentile (nearest rank) of <paramref name="values"/>.</summary>
    public static double Of(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(sorted.Length * p / 100) - 1, 0, sorted.Length - 1)];
    }
}
