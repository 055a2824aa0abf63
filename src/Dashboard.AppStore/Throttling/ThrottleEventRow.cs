namespace Dashboard.AppStore.Throttling;

/// <summary>A stored throttle event (see <c>IThrottleEventStore</c>); time as Unix milliseconds, like the audit log's.</summary>
public sealed class ThrottleEventRow
{
    public long Id { get; set; }
    public long AtUnixMs { get; set; }
    public string Instance { get; set; } = "";
    public string Tenant { get; set; } = "";
    public string Provider { get; set; } = "";
    public string Operation { get; set; } = "";
    public string Cause { get; set; } = "";
    public bool Retried { get; set; }
}
