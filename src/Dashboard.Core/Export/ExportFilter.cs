namespace Dashboard.Core.Export;

/// <summary>Which listing an export walks, with the filter the person had on the page.</summary>
public abstract record ExportFilter
{
    /// <summary>"users" or "orders": the file's name and the audit entry's subject.</summary>
    public abstract string List { get; }

    /// <summary>The filter as query text ("status=Pending&amp;from=2025-01-01"), empty for the whole list.</summary>
    public abstract string Describe();

    public string FileName(string tenant, DateTimeOffset at) => $"{tenant}-{List}-{at:yyyyMMdd-HHmmss}.csv";

    protected static string Join(params (string Name, string? Value)[] parts) =>
        string.Join('&', parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
}

public sealed record UsersExportFilter(UserQuery Query) : ExportFilter
{
    public override string List => "users";

    public override string Describe() =>
        Join(("q", Query.Prefix?.Trim()), ("by", Query.Field == UserSortField.Name && !string.IsNullOrWhiteSpace(Query.Prefix) ? "name" : null));
}

public sealed record OrdersExportFilter(OrderQuery Query) : ExportFilter
{
    public override string List => "orders";

    public override string Describe() =>
        Join(("status", Query.Status?.ToString()), ("from", Query.From?.ToString("yyyy-MM-dd")), ("to", Query.To?.ToString("yyyy-MM-dd")));
}
