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

    public IDataStore Decorate(TenantDescriptor tenant, string productName, IDataStore inner)
    {
        var probed = new MeteredDataStore(inner, tenant.Id, productName, _sinks);
        return new ResilientDataStore(inner, circuits.For(tenant.Id, productName, probed.PingAsync));
    }

    public void Release(string tenantId) => circuits.Release(tenantId);
}
