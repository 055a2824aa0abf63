namespace Dashboard.AppStore.Migrations;

/// <summary>A tenant's migration checkpoint (its lease is a fleet lease, kept with the others).</summary>
public sealed class MigrationRow
{
    public string TenantId { get; set; } = "";
    public string Phase { get; set; } = "";
    public string TargetProvider { get; set; } = "";
    public string TargetFingerprint { get; set; } = "";
    public string? UsersToken { get; set; }
    public string? OrdersToken { get; set; }
    public long UsersCopied { get; set; }
    public long OrdersCopied { get; set; }
    public long StartedAtUnixMs { get; set; }
    public long UpdatedAtUnixMs { get; set; }
}
