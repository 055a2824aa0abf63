using System.Text.RegularExpressions;

namespace Dashboard.Core.Tenants;

/// <summary>
/// Fails start-up with messages naming the tenant and the key when the Tenants section is wrong. The tenants admin
/// page checks each tenant it saves with the same rules (<see cref="ProblemsWith"/>).
/// </summary>
public sealed partial class TenantsOptionsValidator(IEnumerable<IDataStoreProvider> providers) : IValidateOptions<TenantsOptions>
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex TenantIdShape();

    public ValidateOptionsResult Validate(string? name, TenantsOptions options)
    {
        var failures = new List<string>();
        if (options.Tenants.Count == 0) failures.Add("Tenants: no tenant is configured; add at least one (e.g. the Sqlite sandbox).");
        foreach (var (id, tenant) in options.Tenants)
            failures.AddRange(ProblemsWith(id, tenant).Select(p => $"Tenants:{id}:{p}"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>What is wrong with one tenant, each problem naming its key ("Provider ...", "Settings:ServiceUrl ..."); empty when it can be used.</summary>
    public IReadOnlyList<string> ProblemsWith(string id, TenantOptions tenant)
    {
        var known = providers.ToDictionary(p => p.Kind, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        if (!TenantIdShape().IsMatch(id))
            problems.Add("Id must be lower-case letters, digits and '-' (at most 40), as it appears in URLs.");
        if (string.IsNullOrWhiteSpace(tenant.Provider))
            problems.Add($"Provider is required (one of {string.Join(", ", known.Keys)}).");
        else if (!known.TryGetValue(tenant.Provider, out var provider))
            problems.Add($"Provider '{tenant.Provider}' is not a known provider (known: {string.Join(", ", known.Keys)}).");
        else
            problems.AddRange(provider.Validate(TenantRegistry.Describe(id, tenant, provider)));
        return problems;
    }
}
