namespace Dashboard.AppStore.Alerts;

/// <summary>One tenant's units in one UTC hour (the units spike rule's baseline); the key is tenant and hour.</summary>
public sealed class UnitsBaselineRow
{
    public string Tenant { get; set; } = "";
    public long HourStartUnixMs { get; set; }
    public double Units { get; set; }
}
