namespace Dashboard.Core.Tenants;

/// <summary>A backend kind a tenant can live on. Each provider project registers one.</summary>
public interface IDataStoreProvider
{
    /// <summary>The value of <c>Tenants:{id}:Provider</c> that selects this provider, e.g. "DynamoDb".</summary>
    string Kind { get; }

    /// <summary>The product name shown to people, e.g. "DynamoDB".</summary>
    string ProductName { get; }

    /// <summary>Problems with a tenant's settings, each naming the key (e.g. "Settings:ServiceUrl is required").</summary>
    IEnumerable<string> Validate(TenantDescriptor tenant);

    /// <summary>Makes the tenant's backend store. Called once per tenant; the result is reused.</summary>
    IDataStore Create(TenantDescriptor tenant);
}
