using Dashboard.Core.Access;
using Dashboard.Core.Tenants;

namespace Dashboard.Services;

/// <summary>
/// What the tenant switcher offers for a typed text: the tenants the person may see whose id or name contains
/// it, their recent tenants first (most recent first), then the rest in id order. At most <see cref="Shown"/>
/// are offered, plus one more when there are more, so the switcher can say "keep typing".
/// </summary>
public sealed class TenantSwitchSearch(TenantRegistry registry, ICurrentPerson current, IRecentTenants recents, ILogger<TenantSwitchSearch> logger)
{
    public const int Shown = 20;

    /// <summary>
    /// This person's recent tenants, or none if the app store cannot be read: the switcher still works without
    /// them, and it sits in the layout, outside any error boundary.
    /// </summary>
    public async Task<IReadOnlyList<string>> RecentAsync(CancellationToken ct)
    {
        if (!current.Person.IsSignedIn) return [];
        try
        {
            return await recents.ListAsync(current.Person.Id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Recent tenants could not be read; the switcher offers tenants in id order.");
            return [];
        }
    }

    /// <summary>Records an opened tenant as this person's most recent; a failure only costs the ordering.</summary>
    public async Task RememberAsync(string tenantId, CancellationToken ct)
    {
        if (!current.Person.IsSignedIn || registry.Find(tenantId) is null || !current.Person.CanRead(tenantId)) return;
        try
        {
            await recents.RememberAsync(current.Person.Id, tenantId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Tenant {Tenant} could not be recorded as recent.", tenantId);
        }
    }

    /// <param name="offer">Which tenants may be offered at all, beyond what the person may see (none: every one).</param>
    public IReadOnlyList<TenantDescriptor> Search(string? text, IReadOnlyList<string> recent, Func<TenantDescriptor, bool>? offer = null)
    {
        var search = text?.Trim() ?? "";
        bool Visible(TenantDescriptor t) => current.Person.CanRead(t.Id) && (offer is null || offer(t))
            && (search.Length == 0
                || t.Id.Contains(search, StringComparison.OrdinalIgnoreCase)
                || t.DisplayName.Contains(search, StringComparison.OrdinalIgnoreCase));
        var first = recent.Select(registry.Find).OfType<TenantDescriptor>().Where(Visible).Distinct().ToList();
        var firstIds = first.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var rest = registry.All.Where(t => !firstIds.Contains(t.Id) && Visible(t)).OrderBy(t => t.Id, StringComparer.Ordinal);
        return first.Concat(rest).Take(Shown + 1).ToList();
    }

    /// <summary>How a tenant reads in the switcher: its name, and its id when the name differs.</summary>
    public static string Label(TenantDescriptor? tenant) =>
        tenant is null ? "" : tenant.DisplayName == tenant.Id ? tenant.Id : $"{tenant.DisplayName} ({tenant.Id})";
}
