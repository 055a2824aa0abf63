namespace Dashboard.Core.Stores;

/// <summary>Wraps every tenant's backend store (metering, resilience), applied in registration order.</summary>
public interface IDataStoreDecorator
{
    IDataStore Decorate(TenantDescriptor tenant, string productName, IDataStore inner);

    /// <summary>The tenant's store was evicted (idle, or over the bound): let go of what was kept for it.</summary>
    void Release(string tenantId) { }
}
