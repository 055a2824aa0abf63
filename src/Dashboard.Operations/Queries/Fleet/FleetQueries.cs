namespace Dashboard.Operations.Queries.Fleet;

/// <summary>
/// What the Prometheus-backed ops queries share: the client, the job's selector, the window's chart steps, and the
/// fleet's instances as Prometheus last scraped them (<c>up</c>).
/// </summary>
public sealed class FleetQueries(PrometheusClient prometheus, IOptions<MetricsOptions> options, InstanceName instance, TimeProvider clock)
{
    public PrometheusClient Prometheus => prometheus;

    public TimeProvider Clock => clock;

    /// <summary>Whether the duration histogram (and the throttles) carry the tenant and operation (<c>Metrics:PerTenantHistograms</c>).</summary>
    public bool PerTenantHistograms => options.Value.PerTenantHistograms;

    /// <summary>
    /// The fleet's figures, or, when Prometheus does not answer, this instance's, given the reason to say on the page.
    /// </summary>
    public static async Task<T> OrLocalAsync<T>(Func<Task<T>> fleetFigures, Func<string, T> localFigures)
    {
        try
        {
            return await fleetFigures();
        }
        catch (PrometheusUnavailableException e)
        {
            return localFigures(e.Message);
        }
    }

    public string Selector(string? tenant = null, params string[] more) => PromQl.Selector(options.Value.Prometheus.Job, tenant, more);

    /// <summary>Chart points are window / points wide; a rate needs at least three scrapes in its range to be steady.</summary>
    public (TimeSpan Step, TimeSpan RateRange) Steps(OpsWindow window)
    {
        var step = window.Span / window.ChartPoints;
        var minimum = options.Value.Prometheus.ScrapeInterval * 3;
        return (step, step > minimum ? step : minimum);
    }

    /// <summary>
    /// The step counter growth is summed at (<see cref="PromQl.WindowIncrease"/>): the scrape interval, or longer for
    /// long windows (at most 1,440 steps, a minute each over 24 h).
    /// </summary>
    public TimeSpan GrowthStep(OpsWindow window)
    {
        var scrape = options.Value.Prometheus.ScrapeInterval;
        var byWindow = window.Span / 1440;
        return byWindow > scrape ? byWindow : scrape;
    }

    /// <summary>The range peak rates are taken over: three scrapes, or one growth step when that is longer (a whole number of steps).</summary>
    public TimeSpan PeakRange(OpsWindow window)
    {
        var step = GrowthStep(window);
        var scrapes = options.Value.Prometheus.ScrapeInterval * 3;
        return scrapes > step ? step * Math.Ceiling(scrapes / step) : step;
    }

    public string WindowIncrease(string metric, string selector, string by, OpsWindow window, DateTimeOffset now) =>
        PromQl.WindowIncrease(metric, selector, by, window.Span, GrowthStep(window), now);

    /// <summary>The chart's points end now, each <paramref name="step"/> apart, oldest first.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Range(DateTimeOffset now, OpsWindow window, TimeSpan step) =>
        (now - window.Span + step, now);

    public async Task<FiguresScope> ScopeAsync(DateTimeOffset at, CancellationToken ct)
    {
        var up = await prometheus.InstantAsync($"up{Selector()}", at, ct);
        var instances = up.Select(s => new InstanceUp(s.Label(FleetMetrics.Instance), s.Value >= 1))
            .OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
        return FiguresScope.Fleet(instance.Value, instances, at);
    }

    /// <summary>Point labels as the in-process pages make them (UTC).</summary>
    public static List<string> Labels(OpsWindow window, DateTimeOffset start, TimeSpan step) =>
        Enumerable.Range(0, window.ChartPoints).Select(i => window.PointLabel(start + step * i - step, step)).ToList();

    /// <summary>A range answer as one value per chart point (missing points are 0).</summary>
    public static double[] PerPoint(PromSeries series, DateTimeOffset start, TimeSpan step, int points, Func<double, double>? map = null)
    {
        var values = new double[points];
        foreach (var (at, value) in series.Points)
        {
            var i = (int)Math.Round((at - start) / step);
            if (i >= 0 && i < points && !double.IsNaN(value)) values[i] = map is null ? value : map(value);
        }
        return values;
    }
}
