namespace Dashboard.AppStore.Compare;

/// <summary>A kept comparison: headline columns for the list, the whole result as JSON.</summary>
public sealed class CompareRunRow
{
    public string Id { get; set; } = "";
    public long StartedAtUnixMs { get; set; }
    public long FinishedAtUnixMs { get; set; }
    public string StartedBy { get; set; } = "";
    public string State { get; set; } = "";
    public string Summary { get; set; } = "";
    public string ResultJson { get; set; } = "";
}

/// <summary>A comparison's scratch space not yet removed (recorded before it was created).</summary>
public sealed class CompareScratchRow
{
    public string Name { get; set; } = "";
    public string ProviderKind { get; set; } = "";
    public string BasisTenant { get; set; } = "";
    public string RunId { get; set; } = "";
    public long CreatedAtUnixMs { get; set; }
}
