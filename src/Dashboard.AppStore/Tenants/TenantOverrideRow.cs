namespace Dashboard.AppStore.Tenants;

/// <summary>
/// What a migration's cut-over keeps for a tenant, apart from its registry entry (which configuration may own):
/// a read-only mark while the final catch-up runs, and the backend it switched to (with the one it left).
/// </summary>
public sealed class TenantOverrideRow
{
    public string TenantId { get; set; } = "";
    public string? ReadOnlyReason { get; set; }
    public string? Provider { get; set; }
    public string? SettingsJson { get; set; }
    public string? PreviousProvider { get; set; }
    public string? PreviousSettingsJson { get; set; }
    public long RollbackUntilUnixMs { get; set; }
    public string SetBy { get; set; } = "";
    public long SetAtUnixMs { get; set; }
}
