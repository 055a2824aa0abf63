namespace Dashboard.AppStore;

/// <summary>A stored audit entry. The time is kept as Unix milliseconds so both SQLite and MySQL compare and index it natively.</summary>
public sealed class AuditRow
{
    public long Id { get; set; }
    public long AtUnixMs { get; set; }
    public string ActorId { get; set; } = "";
    public string ActorName { get; set; } = "";
    public string Tenant { get; set; } = "";
    public string Entity { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string Action { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
}
