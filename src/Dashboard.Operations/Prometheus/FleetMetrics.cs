namespace Dashboard.Operations.Prometheus;

/// <summary>
/// The instruments of <see cref="Metering.StoreMetrics"/> and <see cref="Resilience.ResilienceMetrics"/> as the
/// OpenTelemetry Prometheus exporter names them (dots become underscores; counters end in _total, the duration
/// histogram in _seconds_bucket/_count), and their labels. Prometheus adds <c>instance</c> and <c>job</c>.
/// </summary>
public static class FleetMetrics
{
    public const string CallsBucket = "db_client_operation_duration_seconds_bucket";
    public const string Calls = "db_client_operation_duration_seconds_count";

    /// <summary>Calls per tenant and outcome (the histogram has the tenant only with per-tenant histograms on).</summary>
    public const string TenantCalls = "dashboard_store_operations_total";
    public const string Usage = "dashboard_store_usage_total";
    public const string Throttles = "dashboard_store_throttles_total";
    public const string CircuitOpen = "dashboard_store_circuit_open";
    public const string ThrottleEventsDropped = "dashboard_store_throttle_events_dropped_total";

    public const string Provider = "dashboard_provider";
    public const string Tenant = "dashboard_tenant";
    public const string Operation = "db_operation_name";
    public const string Outcome = "dashboard_outcome";
    public const string Unit = "dashboard_usage_unit";
    public const string Live = "dashboard_usage_live";
    public const string Cause = "dashboard_throttle_cause";
    public const string Retried = "dashboard_throttle_retried";
    public const string Instance = "instance";
    public const string Le = "le";

    /// <summary>Schema creation and bulk loads: seconds long at start, so left out of the latency charts.</summary>
    public const string MaintenanceOperations = "ensure_schema|bulk_load";
}
