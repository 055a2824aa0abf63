namespace Dashboard.Operations.Metering;

/// <summary>Wraps every tenant's store so each call is timed, classified and its usage recorded.</summary>
public sealed class MeteringDecorator(IEnumerable<IStoreCallSink> sinks) : IDataStoreDecorator
{
    private readonly IStoreCallSink[] _sinks = sinks.ToArray();

    public IDataStore Decorate(TenantDescriptor tenant, string productName, IDataStore inner) =>
        new MeteredDataStore(inner, tenant.Id, productName, _sinks);
}
