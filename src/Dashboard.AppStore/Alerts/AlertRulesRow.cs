namespace Dashboard.AppStore.Alerts;

/// <summary>The single row of Ops' alert rule edits. <see cref="RowVersion"/> moves on every save (optimistic concurrency).</summary>
public sealed class AlertRulesRow
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;
    public string RulesJson { get; set; } = "{}";
    public long RowVersion { get; set; }
    public string UpdatedBy { get; set; } = "";
    public long UpdatedAtUnixMs { get; set; }
}
