namespace Dashboard.Core.Tenants;

/// <summary>
/// The tenants a person opened last, newest first, kept per person (not per browser or session) so the switcher
/// offers them first on any device and after signing in again.
/// </summary>
public interface IRecentTenants
{
    /// <summary>How many tenants are kept per person.</summary>
    const int Kept = 8;

    Task<IReadOnlyList<string>> ListAsync(string personId, CancellationToken ct);

    Task RememberAsync(string personId, string tenantId, CancellationToken ct);
}
