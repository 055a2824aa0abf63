using System.Diagnostics;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Usage;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;
using Dashboard.Providers.Tests.Fixtures;
using Dashboard.Testing;
using MySqlConnector;

namespace Dashboard.Providers.Tests;

/// <summary>
/// What the PlanetScale provider promises beyond the shared contract, checked on a real MariaDB server:
/// strict mode, query tags, indexes used by the page queries, row metering, unavailable and throttled errors.
/// </summary>
[Trait("Backend", "PlanetScale")]
public sealed class PlanetScaleProviderTests(MariaDbDiagnosticsFixture fixture) : IClassFixture<MariaDbDiagnosticsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private MariaDbServer Server => fixture.Server;

    private async Task<(TenantDescriptor Tenant, IDataStore Data, TenantStore Store)> NewTenantAsync()
    {
        var (tenant, data) = await fixture.CreateTenantAsync(Ct);
        return (tenant, data, new TenantStore(tenant, data, TimeProvider.System, new UlidGenerator()));
    }

    private static User RawUser(string email, string name) =>
        new(UlidGenerator.Shared.Next(DateTimeOffset.UtcNow), email, name, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 1);

    private async Task<List<string>> LoggedStatementsAsync(string database, string like)
    {
        await using var connection = new MySqlConnection(Server.ConnectionString());
        await connection.OpenAsync(Ct);
        await using var command = new MySqlCommand(
            "SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log WHERE command_type = 'Query' AND CONVERT(argument USING utf8mb4) LIKE @like"
            + " AND CONVERT(argument USING utf8mb4) NOT LIKE '%general_log%'", connection);
        command.Parameters.AddWithValue("@like", like);
        var found = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) found.Add(reader.GetString(0));
        return found;
    }

    [Fact]
    public async Task On_a_lax_server_an_overlong_value_is_refused_not_truncated()
    {
        var (tenant, data, _) = await NewTenantAsync();
        // The server itself would truncate: proof that the strictness comes from the provider.
        await using (var raw = new MySqlConnection(Server.ConnectionString(tenant.Id)))
        {
            await raw.OpenAsync(Ct);
            await new MySqlCommand("CREATE TABLE lax_probe (v VARCHAR(3)); INSERT INTO lax_probe VALUES ('abcdef')", raw).ExecuteNonQueryAsync(Ct);
            Assert.Equal("abc", await new MySqlCommand("SELECT v FROM lax_probe", raw).ExecuteScalarAsync(Ct));
        }

        // Straight to the port, past Core's validation, as a buggy caller would.
        var error = await Assert.ThrowsAsync<ValidationException>(() => data.InsertUserAsync(RawUser("long@example.com", new string('x', 101)), Ct));
        Assert.Contains("name", error.Errors.Keys);
        Assert.Null(await data.FindUserByEmailAsync("long@example.com", Ct));
    }

    [Fact]
    public async Task An_out_of_range_amount_sent_past_validation_is_refused()
    {
        var (_, data, store) = await NewTenantAsync();
        var user = await store.CreateUserAsync(new NewUser("big@example.com", "Big"), Ct);
        var now = DateTimeOffset.UtcNow;
        var order = new Order(UlidGenerator.Shared.Next(now), user.Id, OrderStatus.Pending,
            [new OrderItem("A", "A", 1, 100_000_000m)], 100_000_000m, "USD", now, now, 1);

        await Assert.ThrowsAsync<ValidationException>(() => data.InsertOrderAsync(order, Ct));

        Assert.Null(await data.GetOrderAsync(order.Id, Ct));
    }

    [Fact]
    public async Task Every_statement_of_a_store_carries_the_sqlcommenter_tag()
    {
        var (tenant, _, store) = await NewTenantAsync();
        var user = await store.CreateUserAsync(new NewUser("tagged@example.com", "Tagged"), Ct);
        var order = await store.CreateOrderAsync(new NewOrder(user.Id, "USD", [new OrderItem("A", "A", 1, 1m), new OrderItem("B", "B", 2, 1m)]), Ct);
        await store.UpdateOrderAsync(order.Id, 1, new OrderChanges(OrderStatus.Processing, order.Items), Ct);
        await store.ListUsersAsync(UserQuery.All, new PageRequest(10), Ct);

        var statements = await LoggedStatementsAsync(tenant.Id, $"%{user.Id}%");
        Assert.NotEmpty(statements);
        Assert.All(statements, s => Assert.Matches($@"/\*action='[a-z_]+',tenant='{tenant.Id}'\*/", s));
        var listing = Assert.Single(await LoggedStatementsAsync(tenant.Id, "%FROM `users`%ORDER BY%"), s => s.Contains($"tenant='{tenant.Id}'"));
        Assert.Contains($"/*action='list_users',tenant='{tenant.Id}'*/", listing);
    }

    [Fact]
    public async Task User_pages_are_read_through_an_index_without_a_sort()
    {
        // Enough rows that the optimizer's choice matters (on a few hundred it rightly just scans).
        var (tenant, data, store) = await NewTenantAsync();
        var users = Enumerable.Range(0, 3000).Select(i => RawUser($"user{i:D4}@example.com", $"Name {i:D4}")).ToList();
        await data.BulkLoadAsync(users, [], Ct);
        await Server.ExecuteAsync($"ANALYZE TABLE `{tenant.Id}`.`users`", Ct);
        var listings = new (UserSortField Field, string? Prefix, string Index)[]
        {
            (UserSortField.Email, null, "ux_users_email"), (UserSortField.Email, "user1", "ux_users_email"),
            (UserSortField.Name, null, "ix_users_name_key_id"), (UserSortField.Name, "name 2", "ix_users_name_key_id"),
        };
        await using var connection = new MySqlConnection(Server.ConnectionString(tenant.Id));
        await connection.OpenAsync(Ct);
        foreach (var (field, prefix, index) in listings)
        {
            await Server.ExecuteAsync("TRUNCATE TABLE mysql.general_log", Ct);
            var first = await store.ListUsersAsync(new UserQuery(field, prefix), new PageRequest(10), Ct);
            await store.ListUsersAsync(new UserQuery(field, prefix), new PageRequest(10, first.ContinuationToken), Ct);

            var pages = (await LoggedStatementsAsync(tenant.Id, "%FROM `users`%ORDER BY%LIMIT%"))
                .Where(s => s.Contains($"tenant='{tenant.Id}'")).ToList();
            Assert.Equal(2, pages.Count);
            foreach (var sql in pages)
            {
                Assert.DoesNotContain("OFFSET", sql, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("COUNT(", sql, StringComparison.OrdinalIgnoreCase);
                await using var reader = await new MySqlCommand("EXPLAIN " + sql, connection).ExecuteReaderAsync(Ct);
                Assert.True(await reader.ReadAsync(Ct));
                var plan = $"type={reader["type"]} key={reader["key"]} rows={reader["rows"]} extra={reader["Extra"]}";
                Assert.True(index == reader["key"] as string && !plan.Contains("filesort") && reader["type"] as string != "ALL", $"{plan}\n{sql}");
            }
        }
    }

    [Fact]
    public async Task Rows_read_and_written_are_reported_per_call()
    {
        var (_, _, store) = await NewTenantAsync();
        for (var i = 0; i < 7; i++) await store.CreateUserAsync(new NewUser($"m{i}@example.com", $"M {i}"), Ct);
        var owner = await store.FindUserByEmailAsync("m0@example.com", Ct);

        CallUsage page, insert, update;
        using (UsageScope.Begin(out page)) await store.ListUsersAsync(new UserQuery(UserSortField.Email, "m"), new PageRequest(5), Ct);
        Order order;
        using (UsageScope.Begin(out insert))
            order = await store.CreateOrderAsync(new NewOrder(owner!.Id, "USD", [new OrderItem("A", "A", 1, 1m), new OrderItem("B", "B", 1, 1m)]), Ct);
        using (UsageScope.Begin(out update))
            await store.UpdateOrderAsync(order.Id, 1, new OrderChanges(OrderStatus.Processing, [new OrderItem("C", "C", 1, 1m)]), Ct);

        // A page of 5 reads 6 rows (the 6th tells there is more); the prefix page carries no count query.
        Assert.Equal(6, page.Units[UsageUnit.RowsRead]);
        Assert.False(page.Units.ContainsKey(UsageUnit.RowsWritten));
        // The owner check reads the user; the insert writes the order and its 2 items.
        Assert.Equal(3, insert.Units[UsageUnit.RowsWritten]);
        // The order row updated, its 2 old items deleted, 1 new item inserted.
        Assert.Equal(4, update.Units[UsageUnit.RowsWritten]);
        Assert.True(update.Units[UsageUnit.RowsRead] >= 1);
    }

    [Fact]
    public async Task A_refused_connection_is_backend_unavailable_after_a_short_retry()
    {
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        var tenant = MariaDbFixture.NewTenant($"Server=127.0.0.1;Port={closedPort};Database=globex;User ID=app;Password=x", "globex");
        var store = new TenantStore(tenant, new PlanetScaleStoreProvider().Create(tenant), TimeProvider.System, new UlidGenerator());

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => store.GetUserAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV", Ct));

        Assert.StartsWith("backend unavailable: globex (PlanetScale): ", error.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
        var health = await store.CheckHealthAsync(Ct);
        Assert.False(health.Reachable);
        Assert.StartsWith("backend unavailable: globex (PlanetScale): ", health.Problem);
    }

    [Fact]
    public async Task Too_many_connections_is_retried_then_throttled_with_the_mysql_code()
    {
        var (tenant, _, _) = await NewTenantAsync();
        await Server.ExecuteAsync($"GRANT ALL ON `{tenant.Id}`.* TO '{MariaDbServer.TenantUser}'@'127.0.0.1'", Ct);
        var limited = MariaDbFixture.NewTenant(Server.ConnectionString(tenant.Id, MariaDbServer.TenantUser, MariaDbServer.TenantPassword), tenant.Id);
        var store = new TenantStore(limited, new PlanetScaleStoreProvider().Create(limited), TimeProvider.System, new UlidGenerator());
        await store.CreateUserAsync(new NewUser("before@example.com", "Before"), Ct);
        MySqlConnection.ClearAllPools();

        var held = new List<MySqlConnection>();
        try
        {
            // MariaDB's floor is 10; fill every ordinary slot (privileged users keep one extra, 'tenant' does not).
            await Server.ExecuteAsync("SET GLOBAL max_connections = 10", Ct);
            for (var i = 0; i < 30; i++)
            {
                var c = new MySqlConnection(Server.ConnectionString(user: MariaDbServer.TenantUser, password: MariaDbServer.TenantPassword) + ";Pooling=false");
                try { await c.OpenAsync(Ct); held.Add(c); }
                catch (MySqlException) { await c.DisposeAsync(); break; }
            }

            CallUsage usage;
            ThrottledException error;
            using (UsageScope.Begin(out usage))
                error = await Assert.ThrowsAsync<ThrottledException>(() => store.FindUserByEmailAsync("before@example.com", Ct));

            Assert.Contains("1040", error.Cause);
            Assert.Equal("PlanetScale", error.Provider);
            Assert.Equal([true, true, true, false], usage.Throttles.Select(t => t.Retried));
        }
        finally
        {
            foreach (var c in held) await c.DisposeAsync();
            await Server.ExecuteAsync("SET GLOBAL max_connections = 200", Ct);
        }
        Assert.NotNull(await store.FindUserByEmailAsync("before@example.com", Ct));
    }

    [Fact]
    public async Task A_lock_wait_timeout_is_retried_and_the_write_then_succeeds()
    {
        var (tenant, _, store) = await NewTenantAsync();
        var user = await store.CreateUserAsync(new NewUser("locked@example.com", "Locked"), Ct);
        await Server.ExecuteAsync("SET GLOBAL innodb_lock_wait_timeout = 1", Ct);
        MySqlConnection.ClearAllPools();
        try
        {
            await using var holder = new MySqlConnection(Server.ConnectionString(tenant.Id));
            await holder.OpenAsync(Ct);
            var tx = await holder.BeginTransactionAsync(Ct);
            await new MySqlCommand($"SELECT * FROM users WHERE id = '{user.Id}' FOR UPDATE", holder, tx).ExecuteNonQueryAsync(Ct);
            // Released after the first attempt timed out (1 s), before the retries run out. Awaited before the holder is
            // disposed: the server frees the lock before the rollback's answer is read, so the write can finish first,
            // and a dispose during that read would use the connection twice at once.
            var released = Task.Run(async () =>
            {
                await Task.Delay(1300, Ct);
                await tx.RollbackAsync(Ct);
            }, Ct);

            var updated = await store.UpdateUserAsync(user.Id, 1, new UserChanges(user.Email, "Unlocked"), Ct);
            await released;

            Assert.Equal("Unlocked", (await store.GetUserAsync(user.Id, Ct)).Name);
            Assert.Equal(2, updated.Version);
        }
        finally
        {
            await Server.ExecuteAsync("SET GLOBAL innodb_lock_wait_timeout = 50", Ct);
        }
    }
}
