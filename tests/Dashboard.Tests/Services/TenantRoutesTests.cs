using Dashboard.Services;

namespace Dashboard.Tests.Services;

public sealed class TenantRoutesTests
{
    [Theory]
    [InlineData("/t/acme/users?q=ada&by=name&after=abc", "globex", "/t/globex/users?q=ada&by=name")]
    [InlineData("/t/acme/users", "globex", "/t/globex/users")]
    [InlineData("/t/acme/users/01ARZ3NDEKTSV4RRFFQ69G5FAV", "globex", "/t/globex/users")]
    [InlineData("/t/acme/orders/01ARZ3NDEKTSV4RRFFQ69G5FAV", "initech", "/t/initech/orders")]
    [InlineData("/t/acme/orders?status=Pending&from=2025-01-01&after=abc", "globex", "/t/globex/orders?status=Pending&from=2025-01-01")]
    [InlineData("/t/acme/orders", "sandbox", "/t/sandbox/orders")]
    [InlineData("/ops/cost", "acme", "/t/acme/users")]
    public void Switching_tenant_keeps_the_page_kind_but_not_ids_or_cursors(string from, string tenant, string expected) =>
        Assert.Equal(expected, TenantRoutes.SwitchTenant(from, tenant));

    [Theory]
    [InlineData("/t/acme/users", "acme")]
    [InlineData("t/acme/orders/1", "acme")]
    [InlineData("/ops/throughput", null)]
    [InlineData("/", null)]
    public void The_tenant_is_read_from_the_path(string path, string? tenant) =>
        Assert.Equal(tenant, TenantRoutes.TenantOf(path));
}
