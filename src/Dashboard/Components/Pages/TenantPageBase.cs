using Dashboard.Services;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages;

/// <summary>
/// What the tenant pages (/t/{tenant}/…) share: the tenant from the route resolved once for the signed-in person
/// (its product name and the person's store), and the notice when it cannot be shown, through
/// <see cref="Shared.TenantGate"/>. Pages put their content inside the gate and load in <see cref="OnTenantParametersSetAsync"/>.
/// </summary>
public abstract class TenantPageBase : ComponentBase
{
    [Parameter] public string Tenant { get; set; } = "";

    [Inject] private TenantScopes Scopes { get; set; } = null!;

    [Inject] protected GuardedCalls Calls { get; set; } = null!;

    /// <summary>What the route's tenant is for this person; null before the first parameters arrive.</summary>
    protected TenantResolution? Resolution { get; private set; }

    /// <summary>The tenant, when the person may open it.</summary>
    protected TenantScope? Scope => (Resolution as TenantResolution.Found)?.Scope;

    protected sealed override Task OnParametersSetAsync()
    {
        if (Resolution?.TenantId != Tenant) Resolution = Scopes.Resolve(Tenant);
        return Scope is { } scope ? OnTenantParametersSetAsync(scope) : Task.CompletedTask;
    }

    /// <summary>Loads what the page shows for the current parameters; runs only for a tenant the person may open.</summary>
    protected abstract Task OnTenantParametersSetAsync(TenantScope scope);

    /// <summary>A call to the tenant's store whose failure becomes a sentence naming the tenant and its backend.</summary>
    protected Task<Guarded<T>> RunAsync<T>(Func<Core.Stores.ITenantStore, Task<T>> call) =>
        Calls.RunAsync(() => call(Scope!.Store), Tenant);
}
