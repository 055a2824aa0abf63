using Dashboard.Core.Access;
using Dashboard.Core.Tenants.Registry;

namespace Dashboard.Operations.Migrations;

/// <summary>
/// Migrations of configured tenants, as the CLI and the migrations page ask for them: the tenant from the registry,
/// its live store as the source (resilience, metering and the write gate included), the target's settings checked
/// by its provider and a store built for them. Only Ops may plan, migrate, cut over or roll back.
/// </summary>
public sealed class TenantMigrations(TenantRegistry registry, ITenantBackends backends, TenantMigrator migrator, TenantCutOver cutOver,
    ITenantRegistryStore registryStore)
{
    public Task<MigrationResult> RunAsync(string tenantId, MigrationTarget target, Person actor, bool resume, bool verifyOnly,
        IProgress<MigrationProgress>? progress, CancellationToken ct) =>
        WithTargetAsync(tenantId, target, actor, request => migrator.RunAsync(request with { Resume = resume, VerifyOnly = verifyOnly }, progress, null, ct));

    /// <summary>Checks the target (reachable, schema created, empty) and sizes the copy; writes nothing to the source.</summary>
    public Task<MigrationPlan> PlanAsync(string tenantId, MigrationTarget target, Person actor, CancellationToken ct) =>
        WithTargetAsync(tenantId, target, actor, request => migrator.PlanAsync(request, ct));

    /// <summary>Switches the tenant to the target of its finished, verified migration (see <see cref="TenantCutOver"/>).</summary>
    public Task<MigrationResult> CutOverAsync(string tenantId, MigrationTarget target, Person actor, CancellationToken ct) =>
        WithTargetAsync(tenantId, target, actor, request => cutOver.CutOverAsync(request, null, ct));

    /// <summary>Switches a cut-over tenant back to the backend it left, carrying back what changed since.</summary>
    public async Task<MigrationResult> RollBackAsync(string tenantId, Person actor, CancellationToken ct)
    {
        RequireOps(actor);
        var entry = await registryStore.FindAsync(tenantId, ct) ?? throw new MigrationException($"no tenant '{tenantId}'");
        if (entry.Override is not { } moved) throw new MigrationException($"tenant '{tenantId}' was not cut over: there is nothing to roll back");
        // The previous backend is the target here; it is where the tenant was, so "already on that backend" does not apply.
        return await WithTargetAsync(tenantId, new MigrationTarget(moved.Previous.Provider, moved.Previous.Settings), actor,
            request => cutOver.RollBackAsync(request, null, ct));
    }

    private async Task<T> WithTargetAsync<T>(string tenantId, MigrationTarget target, Person actor, Func<MigrationRequest, Task<T>> work)
    {
        RequireOps(actor);
        var tenant = registry.Find(tenantId)
            ?? throw new MigrationException($"no tenant '{tenantId}' (tenants: {string.Join(", ", registry.All.Select(t => t.Id))})");
        var provider = registry.FindProvider(target.ProviderKind)
            ?? throw new MigrationException($"no provider '{target.ProviderKind}' (providers: {string.Join(", ", registry.Providers.Select(p => p.Kind).Order())})");
        var described = target.For(tenant) with { ProviderKind = provider.Kind };
        if (provider.Validate(described).ToList() is { Count: > 0 } problems)
            throw new MigrationException($"the target's settings are not valid: {string.Join("; ", problems)}");
        if (!described.ReachedDifferentlyThan(tenant))
            throw new MigrationException($"tenant '{tenantId}' is already on that backend");
        var targetStore = provider.Create(described);
        try
        {
            return await work(new MigrationRequest(tenant, backends.For(tenant.Id), target with { ProviderKind = provider.Kind }, targetStore, actor));
        }
        finally
        {
            if (targetStore is IAsyncDisposable a) await a.DisposeAsync();
            else (targetStore as IDisposable)?.Dispose();
        }
    }

    private static void RequireOps(Person actor)
    {
        if (actor.Role != Role.Ops) throw new MigrationException("only Ops may migrate a tenant");
    }
}
