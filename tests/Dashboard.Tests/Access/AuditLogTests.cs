using System.Text.Json;
using Dashboard.AppStore;
using Dashboard.Core.Audit;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Access;

/// <summary>Every write kind leaves one entry with the right who/where/what and before/after; failures are never silent.</summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private AccessWorld _world = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await AccessWorld.StartAsync(Ct);

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Creating_a_user_records_no_before_and_the_stored_user_after()
    {
        var created = await _world.StoresFor(AccessWorld.Agent).For("globex").CreateUserAsync(new NewUser("Lin@Example.com", "Lin"), Ct);

        var entry = Assert.Single((await _world.AuditLog.QueryAsync(new(), Ct)).Entries);
        Assert.Equal(("agent@example.com", "Sam Support", "globex", "User", created.Id, AuditAction.Create),
            (entry.ActorId, entry.ActorName, entry.Tenant, entry.Entity, entry.EntityId, entry.Action));
        Assert.Null(entry.Before);
        Assert.Equal(created, AuditJson.Read<User>(entry.After));
        Assert.InRange(entry.At, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Updating_a_user_records_the_user_before_and_after()
    {
        var store = _world.StoresFor(AccessWorld.Ops).For("sandbox");
        var before = (await store.FindUserByEmailAsync("ada@example.com", Ct))!;
        var after = await store.UpdateUserAsync(before.Id, before.Version, new UserChanges(before.Email, "Ada King"), Ct);

        var entry = Assert.Single((await _world.AuditLog.QueryAsync(new(Entity: "User", EntityId: before.Id), Ct)).Entries);
        Assert.Equal(AuditAction.Update, entry.Action);
        Assert.Equal("ops@example.com", entry.ActorId);
        Assert.Equal(before, AuditJson.Read<User>(entry.Before));
        Assert.Equal(after, AuditJson.Read<User>(entry.After));
        Assert.Equal("Ada King", JsonDocument.Parse(entry.After!).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Creating_and_updating_an_order_record_status_items_and_total()
    {
        var store = _world.StoresFor(AccessWorld.Agent).For("sandbox");
        var ada = (await store.FindUserByEmailAsync("ada@example.com", Ct))!;
        var created = await store.CreateOrderAsync(new NewOrder(ada.Id, "EUR", [new OrderItem("p1", "Pen", 2, 1.50m)]), Ct);
        var updated = await store.UpdateOrderAsync(created.Id, created.Version,
            new OrderChanges(OrderStatus.Processing, [new OrderItem("p1", "Pen", 3, 1.50m)]), Ct);

        var entries = (await _world.AuditLog.QueryAsync(new(Entity: "Order", EntityId: created.Id), Ct)).Entries;
        Assert.Equal([AuditAction.Update, AuditAction.Create], entries.Select(e => e.Action));
        Assert.Null(entries[1].Before);
        Assert.Equal(created, AuditJson.Read<Order>(entries[1].After));
        Assert.Equal(created, AuditJson.Read<Order>(entries[0].Before));
        Assert.Equal(updated, AuditJson.Read<Order>(entries[0].After));
        Assert.Equal(4.50m, AuditJson.Read<Order>(entries[0].After)!.Total);
        Assert.Equal("\"Processing\"", JsonDocument.Parse(entries[0].After!).RootElement.GetProperty("status").GetRawText());
    }

    [Fact]
    public async Task An_audited_update_reads_the_entity_once()
    {
        var reads = new BackendReads();
        await using var world = await AccessWorld.StartAsync(Ct, around: reads);
        var store = world.StoresFor(AccessWorld.Agent).For("sandbox");
        var ada = (await store.FindUserByEmailAsync("ada@example.com", Ct))!;
        var order = await store.CreateOrderAsync(new NewOrder(ada.Id, "EUR", [new OrderItem("p1", "Pen", 1, 1.50m)]), Ct);

        var before = reads.Count;
        await store.UpdateUserAsync(ada.Id, ada.Version, new UserChanges(ada.Email, "Ada Once"), Ct);
        var userReads = reads.Count - before;
        before = reads.Count;
        await store.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(OrderStatus.Processing, order.Items), Ct);
        var orderReads = reads.Count - before;

        // The service's read serves the audit's "before" and the provider's write alike.
        Assert.Equal((1, 1), (userReads, orderReads));
        var updates = (await world.AuditLog.QueryAsync(new(), Ct)).Entries.Where(e => e.Action == AuditAction.Update).ToList();
        Assert.Equal(ada, AuditJson.Read<User>(Assert.Single(updates, e => e.Entity == "User").Before));
        Assert.Equal(order, AuditJson.Read<Order>(Assert.Single(updates, e => e.Entity == "Order").Before));
    }

    /// <summary>Counts the single-entity reads (get user, get order) that reach a tenant's backend.</summary>
    private sealed class BackendReads : IDataStoreDecorator
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public IDataStore Decorate(TenantDescriptor tenant, string productName, IDataStore inner) => new Counting(inner, this);

        private sealed class Counting(IDataStore inner, BackendReads reads) : DataStoreDecorator(inner)
        {
            protected override Task<T> InvokeAsync<T>(StoreOperation operation, Func<CancellationToken, Task<T>> call, CancellationToken ct)
            {
                if (operation is StoreOperation.GetUser or StoreOperation.GetOrder) Interlocked.Increment(ref reads._count);
                return call(ct);
            }
        }
    }

    [Fact]
    public async Task Refused_writes_leave_no_entry()
    {
        var store = _world.StoresFor(AccessWorld.Agent).For("sandbox");
        var ada = (await store.FindUserByEmailAsync("ada@example.com", Ct))!;
        await Assert.ThrowsAsync<ConflictException>(() => store.UpdateUserAsync(ada.Id, ada.Version + 5, new UserChanges(ada.Email, "X"), Ct));
        await Assert.ThrowsAsync<ValidationException>(() => store.CreateUserAsync(new NewUser("not-an-email", ""), Ct));
        Assert.Empty((await _world.AuditLog.QueryAsync(new(), Ct)).Entries);
    }

    [Fact]
    public async Task When_the_audit_store_fails_the_change_is_reported_saved_but_unrecorded()
    {
        // An app store file in a folder that does not exist: every append really fails.
        var broken = $"Data Source={Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "dashboard.db")};Mode=ReadWrite";
        await using var world = await AccessWorld.StartAsync(Ct, broken, createAppStore: false);
        var store = world.StoresFor(AccessWorld.Agent).For("sandbox");
        var ada = (await store.FindUserByEmailAsync("ada@example.com", Ct))!;

        var error = await Assert.ThrowsAsync<AuditWriteFailedException>(() =>
            store.UpdateUserAsync(ada.Id, ada.Version, new UserChanges(ada.Email, "Ada Unrecorded"), Ct));

        Assert.Contains("was saved, but the audit log could not record the change", error.Message);
        Assert.Equal("Ada Unrecorded", AuditJson.Read<User>(error.Entry.After)!.Name);
        Assert.Equal("Ada Unrecorded", (await world.Backend("sandbox").GetUserAsync(ada.Id, Ct))!.Name);
    }

    [Fact]
    public async Task The_audit_table_refuses_updates_and_deletes()
    {
        await _world.StoresFor(AccessWorld.Ops).For("acme").CreateUserAsync(new NewUser("x@example.com", "X"), Ct);
        await _world.AppStoreAsync(async db =>
        {
            var update = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor_id = 'someone-else'", Ct));
            Assert.Contains(AppStoreSchema.AppendOnlyMessage, update.Message);
            var delete = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries", Ct));
            Assert.Contains(AppStoreSchema.AppendOnlyMessage, delete.Message);
        });
        Assert.Single((await _world.AuditLog.QueryAsync(new(), Ct)).Entries);
    }

    [Fact]
    public async Task Search_filters_by_tenant_user_entity_and_time_and_pages_by_keyset()
    {
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);
        for (var i = 0; i < 5; i++)
        {
            await _world.AuditLog.AppendAsync(new AuditEntry(0, t0.AddMinutes(i), "ops@example.com", "Ops", "acme", "User", $"u{i}", AuditAction.Create, null, "{}"), Ct);
            await _world.AuditLog.AppendAsync(new AuditEntry(0, t0.AddMinutes(i), "agent@example.com", "Agent", "globex", "Order", $"o{i}", AuditAction.Update, "{}", "{}"), Ct);
        }

        Assert.All((await _world.AuditLog.QueryAsync(new(Tenant: "acme"), Ct)).Entries, e => Assert.Equal("acme", e.Tenant));
        Assert.Equal(5, (await _world.AuditLog.QueryAsync(new(Actor: "Agent@Example.com"), Ct)).Entries.Count);
        Assert.Equal(5, (await _world.AuditLog.QueryAsync(new(Entity: "Order"), Ct)).Entries.Count);
        var window = await _world.AuditLog.QueryAsync(new(From: t0.AddMinutes(1), To: t0.AddMinutes(3)), Ct);
        Assert.Equal(["o2", "u2", "o1", "u1"], window.Entries.Select(e => e.EntityId));

        var seen = new List<long>();
        long? before = null;
        do
        {
            var page = await _world.AuditLog.QueryAsync(new(BeforeId: before, Size: 3), Ct);
            seen.AddRange(page.Entries.Select(e => e.Id));
            before = page.NextBeforeId;
        } while (before is not null);
        Assert.Equal(10, seen.Count);
        Assert.Equal(seen.OrderByDescending(i => i), seen);
    }
}
