using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Resilience;

/// <summary>A call that reached the switch: when (on the test's clock), which operation, and the id it asked for.</summary>
public sealed record BackendCall(DateTimeOffset At, string Operation, string? Key);

/// <summary>What the backend does to each call right now.</summary>
public enum Fault
{
    /// <summary>The call reaches the real SQLite sandbox.</summary>
    None,
    /// <summary>Answers "throttled", as SQLITE_BUSY would.</summary>
    Throttle,
    /// <summary>Cannot be reached, as a stopped server.</summary>
    Unavailable,
    /// <summary>Never answers and ignores cancellation, as a hung server behind a careless driver.</summary>
    Hang,
}

/// <summary>
/// A real SQLite sandbox in a temp file with a switch in front of it that injects the typed failures a dead,
/// hung or throttling backend gives. Every call, pings included, is noted with the clock's time.
/// </summary>
public sealed class FaultySandbox : IDataStore, IAsyncDisposable
{
    public const string Product = "SQLite sandbox";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"resilience-{Guid.NewGuid():N}.db");
    private readonly IDataStore _real;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly List<BackendCall> _calls = [];

    private FaultySandbox(string tenant, TimeProvider clock)
    {
        Tenant = tenant;
        _clock = clock;
        _real = new SqliteStoreProvider().Create(new TenantDescriptor(tenant, tenant, "Sqlite",
            new Dictionary<string, string?> { [SqliteStoreProvider.ConnectionStringKey] = $"Data Source={_file}" }));
    }

    public static async Task<FaultySandbox> CreateAsync(TimeProvider clock, CancellationToken ct)
    {
        var sandbox = new FaultySandbox("t" + Guid.NewGuid().ToString("N")[..8], clock);
        await sandbox._real.EnsureSchemaAsync(ct);
        return sandbox;
    }

    public string Tenant { get; }

    public volatile Fault Fault;

    public IReadOnlyList<BackendCall> Calls
    {
        get { lock (_gate) return _calls.ToList(); }
    }

    public int CallCount(string operation) => Calls.Count(c => c.Operation == operation);

    private Task<T> Call<T>(string operation, Func<Task<T>> real, string? key = null)
    {
        lock (_gate) _calls.Add(new BackendCall(_clock.GetUtcNow(), operation, key));
        return Fault switch
        {
            Fault.Throttle => Task.FromException<T>(new ThrottledException(Tenant, Product, "SQLITE_BUSY (database is locked)")),
            Fault.Unavailable => Task.FromException<T>(new BackendUnavailableException(Tenant, Product, "cannot connect (ConnectionRefused)")),
            Fault.Hang => new TaskCompletionSource<T>().Task,
            _ => real(),
        };
    }

    private Task Call(string operation, Func<Task> real) => Call(operation, async () =>
    {
        await real();
        return true;
    });

    public Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct) =>
        Call("list_users", () => _real.ListUsersAsync(query, page, ct));

    public Task<User?> GetUserAsync(string id, CancellationToken ct) => Call("get_user", () => _real.GetUserAsync(id, ct), id);

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct) => Call("find_user", () => _real.FindUserByEmailAsync(email, ct));

    public Task InsertUserAsync(User user, CancellationToken ct) => Call("insert_user", () => _real.InsertUserAsync(user, ct));

    public Task UpdateUserAsync(User user, User current, CancellationToken ct) =>
        Call("update_user", () => _real.UpdateUserAsync(user, current, ct));

    public Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct) =>
        Call("list_orders", () => _real.ListOrdersAsync(userId, page, ct));

    public Task<Order?> GetOrderAsync(string id, CancellationToken ct) => Call("get_order", () => _real.GetOrderAsync(id, ct), id);
    public Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct) =>
        Call("list_tenant_orders", () => _real.ListTenantOrdersAsync(query, page, ct), query.Key);
    public Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct) => Call("count_orders_by_status", () => _real.CountOrdersByStatusAsync(ct), "");

    public Task InsertOrderAsync(Order order, CancellationToken ct) => Call("insert_order", () => _real.InsertOrderAsync(order, ct));

    public Task UpdateOrderAsync(Order order, Order current, CancellationToken ct) =>
        Call("update_order", () => _real.UpdateOrderAsync(order, current, ct));

    public Task PingAsync(CancellationToken ct) => Call("ping", () => _real.PingAsync(ct));

    public Task EnsureSchemaAsync(CancellationToken ct) => _real.EnsureSchemaAsync(ct);

    public Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct) =>
        _real.BulkLoadAsync(users, orders, ct);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(f);
        return ValueTask.CompletedTask;
    }
}
