using Dashboard.Core.Access;
using Dashboard.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Tenants;

/// <summary>The tenants page's listing at 10,000 tenants: pages without duplicates or gaps, search, grants.</summary>
public sealed class TenantListPagingTests(TenantListPagingTests.OpsWorld world) : IClassFixture<TenantListPagingTests.OpsWorld>
{
    private static readonly Person Ops = new("ops@example.com", "Ops", Role.Ops, new HashSet<string>());
    private readonly ManyTenants _world = world.Tenants;

    /// <summary>10,000 tenants seen by Ops, built once for the class.</summary>
    public sealed class OpsWorld : IAsyncDisposable
    {
        public ManyTenants Tenants { get; } = new(10_000, Ops, s => s.AddScoped<TenantOverviewService>());

        public ValueTask DisposeAsync() => Tenants.DisposeAsync();
    }

    private TenantOverviewService Overview(ManyTenants world) =>
        world.Services.CreateScope().ServiceProvider.GetRequiredService<TenantOverviewService>();

    [Theory]
    [InlineData(25)]
    [InlineData(100)]
    public void Walking_every_page_yields_each_tenant_once_in_id_order(int size)
    {
        var overview = Overview(_world);
        var seen = new List<string>();
        TenantListPage page;
        var index = 0;
        do
        {
            page = overview.Query(new TenantListQuery(Page: index++, PageSize: size));
            seen.AddRange(page.Rows.Select(r => r.Tenant.Id));
        } while (page.Rows.Count == size);

        Assert.Equal(10_000, page.TotalMatching);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(ManyTenants.Id), seen);
    }

    [Fact]
    public void Search_matches_ids_and_display_names_and_the_total_counts_every_match()
    {
        var overview = Overview(_world);

        var byId = overview.Query(new TenantListQuery(Search: "987"));
        Assert.Contains(byId.Rows, r => r.Tenant.Id == "t0987");
        Assert.All(byId.Rows, r => Assert.True(r.Tenant.Id.Contains("987") || r.Tenant.DisplayName.Contains("987")));
        Assert.Equal(20, byId.TotalMatching); // t0987 t1987 … t9987, t9870 … t9879 (t9987 once)

        var byName = overview.Query(new TenantListQuery(Search: "customer 9999"));
        Assert.Equal(["t9999"], byName.Rows.Select(r => r.Tenant.Id));
    }

    [Fact]
    public async Task A_person_sees_only_their_tenants_in_the_count_and_on_the_pages()
    {
        var agent = new Person("agent@example.com", "Agent", Role.Support, new HashSet<string> { "t0005", "t4000", "t9999" });
        await using var world = new ManyTenants(10_000, agent, s => s.AddScoped<TenantOverviewService>());

        var page = Overview(world).Query(new TenantListQuery(PageSize: 2));

        Assert.Equal(3, page.TotalMatching);
        Assert.Equal(["t0005", "t4000"], page.Rows.Select(r => r.Tenant.Id));
    }
}
