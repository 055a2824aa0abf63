using Dashboard.Core.Access;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Stores;

namespace Dashboard.Tests.Access;

/// <summary>Access is enforced by the store factory and its stores, with no page involved: what any caller gets.</summary>
public sealed class ServiceLayerAccessTests : IAsyncLifetime
{
    private AccessWorld _world = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await AccessWorld.StartAsync(Ct);

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    public static TheoryData<string, string, bool> ReadMatrix()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var tenant in AccessWorld.TenantIds)
        {
            data.Add("ops", tenant, true);
            data.Add("agent", tenant, tenant != "initech");
            data.Add("viewer", tenant, tenant == "sandbox");
            data.Add("anonymous", tenant, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ReadMatrix))]
    public async Task The_factory_hands_out_only_granted_tenants(string who, string tenant, bool allowed)
    {
        var stores = _world.StoresFor(PersonNamed(who));
        if (allowed)
        {
            var page = await stores.For(tenant).ListUsersAsync(UserQuery.All, new(5), Ct);
            Assert.NotEmpty(page.Items);
        }
        else
        {
            var error = Assert.Throws<ForbiddenException>(() => stores.For(tenant));
            Assert.Contains(who == "anonymous" ? "Sign in" : tenant, error.Message);
        }
    }

    [Fact]
    public async Task A_viewer_reads_but_every_write_kind_is_forbidden_and_nothing_changes()
    {
        var store = _world.StoresFor(AccessWorld.Viewer).For("sandbox");
        var ada = (await store.FindUserByEmailAsync("ada@example.com", Ct))!;
        var order = (await store.ListOrdersAsync(ada.Id, new(1), Ct)).Items[0];

        var attempts = new Func<Task>[]
        {
            () => store.CreateUserAsync(new NewUser("new@example.com", "New"), Ct),
            () => store.UpdateUserAsync(ada.Id, ada.Version, new UserChanges(ada.Email, "Changed"), Ct),
            () => store.CreateOrderAsync(new NewOrder(ada.Id, "EUR", [new OrderItem("p1", "Pen", 1, 2m)]), Ct),
            () => store.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(OrderStatus.Cancelled, order.Items), Ct),
        };
        foreach (var attempt in attempts)
        {
            var error = await Assert.ThrowsAsync<ForbiddenException>(attempt);
            Assert.Equal(AccessDenied.ViewerReason, error.Message);
        }

        Assert.Equal(ada, await _world.Backend("sandbox").GetUserAsync(ada.Id, Ct));
        Assert.Equal(order, await _world.Backend("sandbox").GetOrderAsync(order.Id, Ct));
        Assert.Null(await _world.Backend("sandbox").FindUserByEmailAsync("new@example.com", Ct));
        Assert.Empty((await _world.AuditLog.QueryAsync(new(), Ct)).Entries);
    }

    [Fact]
    public async Task Support_writes_in_granted_tenants()
    {
        var created = await _world.StoresFor(AccessWorld.Agent).For("acme").CreateUserAsync(new NewUser("Grace@Example.com", "Grace"), Ct);
        Assert.Equal("grace@example.com", (await _world.Backend("acme").GetUserAsync(created.Id, Ct))!.Email);
    }

    [Fact]
    public void A_person_without_a_role_is_treated_as_not_signed_in()
    {
        var roleless = new Person("someone@example.com", "Someone", null, new HashSet<string> { "sandbox" });
        Assert.Throws<ForbiddenException>(() => _world.StoresFor(roleless).For("sandbox"));
    }

    [Fact]
    public async Task The_audit_log_is_searchable_by_ops_only_and_entity_history_needs_a_tenant_grant()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _world.AuditFor(AccessWorld.Agent).SearchAsync(new(), Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => _world.AuditFor(AccessWorld.Viewer).HistoryAsync("acme", "User", "x", ct: Ct));
        Assert.NotNull(await _world.AuditFor(AccessWorld.Viewer).HistoryAsync("sandbox", "User", "x", ct: Ct));
        Assert.NotNull(await _world.AuditFor(AccessWorld.Ops).SearchAsync(new(), Ct));
    }

    private static Person PersonNamed(string who) => who switch
    {
        "ops" => AccessWorld.Ops,
        "agent" => AccessWorld.Agent,
        "viewer" => AccessWorld.Viewer,
        _ => Person.Anonymous,
    };
}
