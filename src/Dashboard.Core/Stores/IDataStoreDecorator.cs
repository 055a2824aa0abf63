using Dashboard.Core.Tenants;

namespace Dashboard.Core.Stores;

/// <summary>Wraps every tenant's backend store (metering, resilience), applied in registration order.</summary>
public interface IDataStoreDecorator
{
    IDataStore Decorate(TenantDescriptor tenant, string productName, IDataStore inner);
}
