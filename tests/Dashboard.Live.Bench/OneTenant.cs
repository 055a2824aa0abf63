using Dashboard.Bench;
using Dashboard.Core.Stores;

namespace Dashboard.Live.Bench;

/// <summary>The benchmark's one tenant, its store metered as the app meters it.</summary>
public sealed class OneTenant(IDataStore store) : ITenantBackends
{
    public IDataStore For(string tenantId) => store;
}
