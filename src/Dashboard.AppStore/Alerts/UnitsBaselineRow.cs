namespace Dashboard.AppStore.Alerts;

/// <summary>
/// One tenant's units in one UTC hour (the units spike rule's baseline); the key is tenant and hour. Only units above
/// zero have a row: each kept hour has a marker row instead (<see cref="EfUnitsBaselineStore.HourMarker"/>), and a tenant
/// known by then without a row had 0 units.
/// </summary>
public sealed class UnitsBaselineRow
{
    public string Tenant { get; set; } = "";
    public long HourStartUnixMs { get; set; }
    public double Units { get; set; }
}

/// <summary>The first kept hour that counted a tenant: from then on, an hour without a row of its own means 0 units.</summary>
public sealed class UnitsBaselineTenantRow
{
    public string Tenant { get; set; } = "";
    public long SinceUnixMs { get; set; }
}
