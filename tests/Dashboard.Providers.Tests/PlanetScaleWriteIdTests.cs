using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Stores;
using Dashboard.Providers.Sql;
using Dashboard.Providers.Sql.Dialects;
using Dashboard.Providers.Sql.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Dashboard.Providers.Tests.Fixtures;

namespace Dashboard.Providers.Tests;

/// <summary>
/// Write ids on PlanetScale: a write that committed but whose answer was lost is replayed by the execution
/// strategy and must recognise its own committed attempt by the call's write id (no false conflict, no
/// duplicate) without taking anyone else's write for its own; a database migrated before write ids existed
/// gets the column and keeps its rows.
/// </summary>
[Trait("Backend", "PlanetScale")]
public sealed class PlanetScaleWriteIdTests(MariaDbFixture fixture) : IClassFixture<MariaDbFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_write_whose_answer_was_lost_is_replayed_without_a_false_conflict_or_a_duplicate()
    {
        var (tenant, data) = await fixture.CreateTenantAsync(Ct);
        var store = new TenantStore(tenant, data, TimeProvider.System, new UlidGenerator());
        var lossy = new LostAnswerDialect(new MySqlDialect(tenant.RequiredSetting(PlanetScaleStoreProvider.ConnectionStringKey), MySqlDialect.DefaultServerVersion));
        var replaying = new SqlDataStore(tenant, lossy);
        var user = await store.CreateUserAsync(new NewUser("lost@example.com", "Before"), Ct);
        var order = await store.CreateOrderAsync(new NewOrder(user.Id, "USD", [new OrderItem("P", "Thing", 1, 2m)]), Ct);
        var another = user with { Id = new UlidGenerator().Next(DateTimeOffset.UtcNow), Email = "another@example.com" };
        var anotherOrder = order with { Id = new UlidGenerator().Next(DateTimeOffset.UtcNow) };

        lossy.LoseNext = 1;
        await replaying.UpdateUserAsync(user with { Name = "After", Version = 2 }, current: user, Ct);
        lossy.LoseNext = 1;
        await replaying.UpdateOrderAsync(order with { Status = OrderStatus.Processing, Version = 2 }, current: order, Ct);
        lossy.LoseNext = 1;
        await replaying.InsertUserAsync(another, Ct);
        lossy.LoseNext = 1;
        await replaying.InsertOrderAsync(anotherOrder, Ct);

        Assert.Equal(4, lossy.Lost);
        Assert.Equal(("After", 2L), await NameAndVersionAsync(store, user.Id));
        var storedOrder = await store.GetOrderAsync(order.Id, Ct);
        Assert.Equal((OrderStatus.Processing, 2L), (storedOrder.Status, storedOrder.Version));
        Assert.Equal(another, await store.GetUserAsync(another.Id, Ct));
        Assert.Equal(anotherOrder, await store.GetOrderAsync(anotherOrder.Id, Ct));
        Assert.Equal(2, (await store.ListOrdersAsync(user.Id, new(10), Ct)).Items.Count);

        // A stale write stays a conflict through a replay, even one stamped exactly like the write that beat it.
        var winner = await store.GetUserAsync(user.Id, Ct);
        lossy.LoseNext = 1;
        await Assert.ThrowsAsync<ConflictException>(() =>
            replaying.UpdateUserAsync(winner with { Name = "Stale" }, current: user, Ct));
        Assert.Equal(5, lossy.Lost);
        Assert.Equal(("After", 2L), await NameAndVersionAsync(store, user.Id));
    }

    [Fact]
    public async Task A_database_at_the_initial_schema_migrates_to_write_ids_and_keeps_its_rows()
    {
        var tenant = MariaDbFixture.NewTenant(fixture.Server.ConnectionString($"before_write_ids_{Guid.NewGuid():N}"[..32]));
        var connectionString = tenant.RequiredSetting(PlanetScaleStoreProvider.ConnectionStringKey);
        var options = new DbContextOptionsBuilder<DashboardDbContext>();
        new MySqlDialect(connectionString, MySqlDialect.DefaultServerVersion).Configure(options);
        await using (var db = new DashboardDbContext(options.Options))
        {
            await db.GetService<IMigrator>().MigrateAsync("InitialSchema", Ct);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO users VALUES ('01KB0000000000000000000ADA', 'ada@example.com', 'Ada Lovelace', 'ada lovelace', NULL,
                    '2026-11-30 10:00:00.123', '2026-11-30 10:00:00.123', 1);
                INSERT INTO orders VALUES ('01KB0000000000000000000RD1', '01KB0000000000000000000ADA', 'Pending', 12.50, 'USD',
                    '2026-11-30 10:01:00.500', '2026-11-30 10:01:00.500', 1);
                INSERT INTO order_items (order_id, position, product_id, product_name, quantity, unit_price)
                    VALUES ('01KB0000000000000000000RD1', 0, 'SKU-1', 'Analytical engine gear', 2, 6.25);
                """, Ct);
        }

        var data = new PlanetScaleStoreProvider().Create(tenant);
        await data.EnsureSchemaAsync(Ct);
        var store = new TenantStore(tenant, data, TimeProvider.System, new UlidGenerator());

        var ada = await store.GetUserAsync("01KB0000000000000000000ADA", Ct);
        var renamed = await store.UpdateUserAsync(ada.Id, 1, new UserChanges(ada.Email, "Ada King"), Ct);
        await Assert.ThrowsAsync<ConflictException>(() => data.UpdateUserAsync(renamed with { Name = "Stale" }, current: ada, Ct));
        var order = await store.GetOrderAsync("01KB0000000000000000000RD1", Ct);
        var moved = await store.UpdateOrderAsync(order.Id, 1, new OrderChanges(OrderStatus.Processing, order.Items), Ct);

        Assert.Equal(("Ada King", 2L), await NameAndVersionAsync(store, ada.Id));
        Assert.Equal(moved, await store.GetOrderAsync(order.Id, Ct));
        Assert.Equal(12.50m, moved.Total);
    }

    private static async Task<(string, long)> NameAndVersionAsync(TenantStore store, string id)
    {
        var user = await store.GetUserAsync(id, Ct);
        return (user.Name, user.Version);
    }
}
