using Dashboard.Core.Demo;
using Dashboard.Core.Domain;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.E2E.Infrastructure;

namespace Dashboard.E2E.Accessibility;

/// <summary>
/// A demo customer other than Ada (whose newest order other flows edit) with a fresh pending order, so the
/// accessibility flows can open and edit an order without changing what the other flows expect.
/// </summary>
public static class SampleCustomer
{
    public static async Task<(User User, Order Order)> WithNewOrderAsync(DashboardApp app, string tenant, CancellationToken ct)
    {
        var store = app.Store(tenant);
        var users = await store.ListUsersAsync(new UserQuery(UserSortField.Email, null), new PageRequest(5), ct);
        var user = users.Items.First(u => u.Email != DemoDataGenerator.AdaEmail);
        var order = await store.CreateOrderAsync(new NewOrder(user.Id, "USD",
            [new OrderItem("SKU-A11Y-1", "Keyboard", 1, 20m), new OrderItem("SKU-A11Y-2", "Cable", 2, 3.5m)]), ct);
        return (user, order);
    }
}
