using Dashboard.Operations.Metering;

namespace Dashboard.Operations.Resilience;

/// <summary>
/// Wraps every tenant's store in its circuit's pipeline. The circuit's prober pings the store outside the breaker,
/// but metered like any call: a probe costs what a ping costs (a read unit on DynamoDB), and the cost page and
/// the backend's own bill must agree.
/// </summary>
public sealed class ResilienceDecorator(TenantCircuits circuits, IEnumerable<IStoreCallSink> sinks) : IDataStoreDecorator
{
    private readonly IStoreCallSink[] _sinks = sinks.ToArray();

    /// <remarks>The metered probe is made with the tenant's circuit, not with every store built for the tenant (the
    /// one-off stores of pings and preparation included).</remarks>
    public IDataStore Decorate(TenantDescriptor tenant, string productName, IDataStore inner) =>
        new ResilientDataStore(inner, circuits.For(tenant.Id, productName, () => new MeteredDataStore(inner, tenant.Id, productName, _sinks).PingAsync));

    public void Release(string tenantId) => circuits.Release(tenantId);
}
