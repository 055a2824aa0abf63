namespace Dashboard.Services;

/// <summary>The URLs of tenant pages, and where switching tenant lands so the page kind is kept.</summary>
public static class TenantRoutes
{
    public static string Users(string tenant) => $"/t/{Uri.EscapeDataString(tenant)}/users";

    public static string User(string tenant, string userId) => $"{Users(tenant)}/{Uri.EscapeDataString(userId)}";

    public static string Order(string tenant, string orderId) => $"{Orders(tenant)}/{Uri.EscapeDataString(orderId)}";

    public static string Orders(string tenant) => $"/t/{Uri.EscapeDataString(tenant)}/orders";

    /// <summary>The tenant id in a path such as "/t/acme/users/…", or null.</summary>
    public static string? TenantOf(string relativePath)
    {
        var parts = relativePath.Split('?', '#')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0] == "t" ? Uri.UnescapeDataString(parts[1]) : null;
    }

    /// <summary>
    /// The same kind of page on another tenant. Ids do not carry across tenants, so a user page becomes that
    /// tenant's users list and an order page its orders list; the lists keep their search or filter.
    /// </summary>
    public static string SwitchTenant(string relativePath, string toTenant)
    {
        var pathAndQuery = relativePath.Split('#')[0];
        var path = pathAndQuery.Split('?')[0];
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 3 && parts[0] == "t" && parts[2] == "users")
        {
            var query = pathAndQuery.Length > path.Length ? pathAndQuery[path.Length..] : "";
            // A cursor belongs to the old tenant's listing; drop it, keep the search.
            return Users(toTenant) + StripParameter(query, "after");
        }
        if (parts.Length == 3 && parts[0] == "t" && parts[2] == "orders")
        {
            var query = pathAndQuery.Length > path.Length ? pathAndQuery[path.Length..] : "";
            return Orders(toTenant) + StripParameter(query, "after");
        }
        if (parts.Length == 4 && parts[0] == "t" && parts[2] == "orders") return Orders(toTenant);
        return Users(toTenant);
    }

    private static string StripParameter(string query, string name)
    {
        if (query.Length <= 1) return "";
        var kept = query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal) && p != name);
        var joined = string.Join('&', kept);
        return joined.Length == 0 ? "" : "?" + joined;
    }
}
