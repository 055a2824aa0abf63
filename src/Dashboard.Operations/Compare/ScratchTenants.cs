using Dashboard.Core.Compare;

namespace Dashboard.Operations.Compare;

/// <summary>
/// Scratch tenants for comparisons: one per configured provider kind, beside the first enabled tenant of that
/// kind. Each is recorded in the ledger before it is created and forgotten only once dropped, and
/// <see cref="SweepAsync"/> removes whatever a crash left: recorded spaces and any space with the scratch prefix.
/// </summary>
public sealed class ScratchTenants(TenantRegistry registry, IEnumerable<IScratchSpaces> spaces, IScratchLedger ledger, TimeProvider clock,
    ILogger<ScratchTenants> log)
{
    private readonly IReadOnlyDictionary<string, IScratchSpaces> _spaces = spaces.ToDictionary(s => s.Kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>The tenant each provider kind's scratch space sits beside: the first enabled one of that kind, by id.</summary>
    public IReadOnlyList<TenantDescriptor> Bases() =>
        registry.All.Where(t => !t.Disabled && _spaces.ContainsKey(t.ProviderKind) && registry.FindProvider(t.ProviderKind) is not null)
            .GroupBy(t => t.ProviderKind, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderBy(t => t.Id, StringComparer.Ordinal).First())
            .OrderBy(t => t.ProviderKind, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Records, then creates the scratch space; returns the scratch tenant (no schema yet).</summary>
    public async Task<TenantDescriptor> CreateAsync(TenantDescriptor basis, string runId, CancellationToken ct)
    {
        var name = ScratchNames.For(runId, basis.ProviderKind);
        await ledger.RecordAsync(new ScratchResource(name, basis.ProviderKind, basis.Id, runId, clock.GetUtcNow()), ct);
        var settings = await Spaces(basis.ProviderKind).CreateAsync(basis, name, ct);
        return new TenantDescriptor(name, $"Comparison scratch ({basis.ProviderKind})", basis.ProviderKind, settings);
    }

    /// <summary>Drops a scratch space and forgets it; a failure leaves it recorded for the next sweep.</summary>
    public async Task<bool> DropAsync(string providerKind, string basisTenant, string name, CancellationToken ct)
    {
        var basis = registry.Find(basisTenant);
        if (basis is null)
        {
            log.LogWarning("Scratch space {Name} cannot be removed: its tenant {Tenant} is gone; it stays recorded", name, basisTenant);
            return false;
        }
        try
        {
            await Spaces(providerKind).DropAsync(basis, name, ct);
            await ledger.ForgetAsync(name, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Scratch space {Name} beside {Tenant} could not be removed now; the next sweep tries again", name, basisTenant);
            return false;
        }
    }

    /// <summary>Removes every recorded scratch space and every space named with the scratch prefix; returns how many went.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var removed = 0;
        foreach (var left in await ledger.ListAsync(ct))
            if (await DropAsync(left.ProviderKind, left.BasisTenant, left.Name, ct)) removed++;
        foreach (var basis in Bases())
        {
            IReadOnlyList<string> names;
            try
            {
                names = await Spaces(basis.ProviderKind).ListAsync(basis, ScratchNames.Prefix, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Scratch spaces beside {Tenant} could not be listed now", basis.Id);
                continue;
            }
            foreach (var name in names.Where(ScratchNames.IsScratch))
                if (await DropAsync(basis.ProviderKind, basis.Id, name, ct)) removed++;
        }
        if (removed > 0) log.LogInformation("Removed {Count} comparison scratch space(s) left behind", removed);
        return removed;
    }

    /// <summary>Scratch spaces that exist now beside the configured tenants (tests and the page's notice).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken ct)
    {
        var all = new List<string>();
        foreach (var basis in Bases())
            all.AddRange(await Spaces(basis.ProviderKind).ListAsync(basis, ScratchNames.Prefix, ct));
        return all;
    }

    private IScratchSpaces Spaces(string kind) =>
        _spaces.TryGetValue(kind, out var s) ? s : throw new InvalidOperationException($"No scratch spaces for provider '{kind}'.");
}
