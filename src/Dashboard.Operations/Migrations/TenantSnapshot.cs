using Dashboard.Core.Domain;
using Dashboard.Core.Paging;

namespace Dashboard.Operations.Migrations;

/// <summary>Every user and order of a tenant's backend, read page by page through its listings, by id.</summary>
internal sealed record TenantSnapshot(IReadOnlyDictionary<string, User> Users, IReadOnlyDictionary<string, Order> Orders)
{
    public static async Task<TenantSnapshot> ReadAsync(IDataStore store, int pageSize, MigrationRetry retry, CancellationToken ct)
    {
        var users = await ReadUsersAsync(store, pageSize, retry, ct);
        string? token = null;
        var orders = new Dictionary<string, Order>(StringComparer.Ordinal);
        do
        {
            var page = await retry.RunRepeatableAsync(t => store.ListTenantOrdersAsync(OrderQuery.All, new PageRequest(pageSize, token), t), ct);
            foreach (var order in page.Items) orders[order.Id] = order;
            token = page.ContinuationToken;
        } while (token is not null);
        return new TenantSnapshot(users, orders);
    }

    public static async Task<Dictionary<string, User>> ReadUsersAsync(IDataStore store, int pageSize, MigrationRetry retry, CancellationToken ct)
    {
        var users = new Dictionary<string, User>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await retry.RunRepeatableAsync(t => store.ListUsersAsync(UserQuery.All, new PageRequest(pageSize, token), t), ct);
            foreach (var user in page.Items) users[user.Id] = user;
            token = page.ContinuationToken;
        } while (token is not null);
        return users;
    }
}
