namespace Dashboard.Operations.Resilience;

/// <summary>Wraps every tenant's store in its circuit's pipeline; the circuit's prober pings the undecorated store.</summary>
public sealed class ResilienceDecorator(TenantCircuits circuits) : IDataStoreDecorator
{
    public IDataStore Decorate(TenantDescriptor tenant, string productName, IDataStore inner) =>
        new ResilientDataStore(inner, circuits.For(tenant.Id, productName, inner.PingAsync));

    public void Release(string tenantId) => circuits.Release(tenantId);
}
