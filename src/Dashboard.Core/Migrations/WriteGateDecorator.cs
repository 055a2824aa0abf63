namespace Dashboard.Core.Migrations;

/// <summary>Puts every tenant's writes (<see cref="StoreOperations.IsWrite"/>: inserts, updates, bulk loads) through <see cref="TenantWriteGate"/>; reads pass freely.</summary>
public sealed class WriteGateDecorator(TenantWriteGate gate) : IDataStoreDecorator
{
    public IDataStore Decorate(TenantDescriptor tenant, string productName, IDataStore inner) => new GatedDataStore(inner, tenant, gate);
}

/// <summary>A tenant's store whose writes hold a ticket of the gate from before the call until the backend answered.</summary>
public sealed class GatedDataStore(IDataStore inner, TenantDescriptor tenant, TenantWriteGate gate) : DataStoreDecorator(inner)
{
    protected override async Task<T> InvokeAsync<T>(StoreOperation operation, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        if (!StoreOperations.IsWrite(operation)) return await call(ct);
        using var ticket = gate.Enter(tenant);
        return await call(ct);
    }
}
