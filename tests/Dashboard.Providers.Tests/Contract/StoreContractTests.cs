using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Tests.Fixtures;

namespace Dashboard.Providers.Tests.Contract;

/// <summary>
/// The contract every backend honours, written once against the port. A backend runs it by declaring
/// <c>[Trait("Backend", "...")] sealed class XContractTests(XFixture f) : StoreContractTests&lt;XFixture&gt;(f)</c>.
/// Each test gets a fresh, empty tenant.
/// </summary>
public abstract partial class StoreContractTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>, IAsyncLifetime
    where TFixture : class, IBackendFixture
{
    protected ITenantStore Store { get; private set; } = null!;
    protected IDataStore Data { get; private set; } = null!;
    protected TenantDescriptor Tenant { get; private set; } = null!;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    protected TFixture Fixture => fixture;

    public async ValueTask InitializeAsync()
    {
        var (tenant, data) = await fixture.CreateTenantAsync(Ct);
        Data = data;
        Tenant = tenant;
        Store = new TenantStore(tenant, data, TimeProvider.System, new UlidGenerator());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private int _serial;

    protected Task<User> NewUserAsync(string? email = null, string? name = null) =>
        Store.CreateUserAsync(new NewUser(email ?? $"user{Interlocked.Increment(ref _serial):D4}@example.com", name ?? "Test User"), Ct);

    protected static OrderItem Item(string product = "SKU-1", int quantity = 1, decimal price = 10m) =>
        new(product, $"Product {product}", quantity, price);

    protected Task<Order> NewOrderAsync(string userId, params OrderItem[] items) =>
        Store.CreateOrderAsync(new NewOrder(userId, "USD", items.Length == 0 ? [Item()] : items), Ct);

    /// <summary>Asserts a validation error that names <paramref name="field"/>.</summary>
    protected static async Task<ValidationException> AssertInvalidAsync(string field, Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(action);
        Assert.True(error.Errors.ContainsKey(field), $"expected an error on '{field}', got: {error.Message}");
        return error;
    }

    protected async Task<List<User>> AllUsersAsync()
    {
        var all = new List<User>();
        string? token = null;
        do
        {
            var page = await Store.ListUsersAsync(UserQuery.All, new(100, token), Ct);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        } while (token is not null);
        return all;
    }
}
