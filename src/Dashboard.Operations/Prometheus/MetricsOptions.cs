namespace Dashboard.Operations.Prometheus;

/// <summary>
/// <c>appsettings → Metrics</c>: where the ops pages read their figures. <c>InProcess</c> (the default): this
/// instance's rolling store, labelled "this instance only". <c>Prometheus</c>: fleet-wide figures from the
/// Prometheus server that scrapes every instance's /metrics (PromQL over its HTTP API), and throttle events from the
/// shared app store.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";
    public const string InProcess = "InProcess";
    public const string PrometheusSource = "Prometheus";

    public string Source { get; set; } = InProcess;

    public PrometheusOptions Prometheus { get; set; } = new();

    /// <summary>
    /// Tag the duration histogram with the tenant too (about 23 series per tenant, operation and outcome): off by
    /// default, so /metrics grows with tenants only by their counters (see <see cref="Metering.StoreMetrics"/>).
    /// </summary>
    public bool PerTenantHistograms { get; set; }

    /// <summary>The in-process rolling store's bound in slots (see <see cref="Metering.Rolling.RollingStore.MaxSlots"/>).</summary>
    public int RollingStoreMaxSlots { get; set; } = Metering.Rolling.RollingStore.DefaultMaxSlots;

    public bool FromPrometheus => string.Equals(Source, PrometheusSource, StringComparison.OrdinalIgnoreCase);
}

public sealed class PrometheusOptions
{
    /// <summary>The server's base address, e.g. http://127.0.0.1:9090.</summary>
    public string Url { get; set; } = "";

    /// <summary>The scrape job of the dashboard's instances (its <c>job</c> label); every query is limited to it.</summary>
    public string Job { get; set; } = "dashboard";

    /// <summary>How long one query may take before the page says Prometheus is not answering.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The scrape interval configured for the job: rates are taken over at least two of them.</summary>
    public TimeSpan ScrapeInterval { get; set; } = TimeSpan.FromSeconds(5);
}

public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var problems = new List<string>();
        if (!options.FromPrometheus && !string.Equals(options.Source, MetricsOptions.InProcess, StringComparison.OrdinalIgnoreCase))
            problems.Add($"Metrics:Source '{options.Source}' is not known: use {MetricsOptions.InProcess} or {MetricsOptions.PrometheusSource}.");
        if (options.RollingStoreMaxSlots < 1_000)
            problems.Add($"Metrics:RollingStoreMaxSlots {options.RollingStoreMaxSlots} is too small: at least 1,000 (the default is {Metering.Rolling.RollingStore.DefaultMaxSlots:N0}).");
        if (options.FromPrometheus)
        {
            var p = options.Prometheus;
            if (!Uri.TryCreate(p.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                problems.Add($"Metrics:Prometheus:Url '{p.Url}' is not an http(s) address (Metrics:Source is Prometheus).");
            if (string.IsNullOrWhiteSpace(p.Job) || p.Job.Any(c => c is '"' or '\\' || char.IsControl(c)))
                problems.Add($"Metrics:Prometheus:Job '{p.Job}' must be a plain job name.");
            if (p.Timeout <= TimeSpan.Zero || p.Timeout > TimeSpan.FromMinutes(1))
                problems.Add($"Metrics:Prometheus:Timeout {p.Timeout} must be more than 0 and at most a minute.");
            if (p.ScrapeInterval < TimeSpan.FromSeconds(1) || p.ScrapeInterval > TimeSpan.FromMinutes(5))
                problems.Add($"Metrics:Prometheus:ScrapeInterval {p.ScrapeInterval} must be between 1 s and 5 min.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
