using System.Diagnostics;
using System.Text;
using Dashboard.Core.Tenants;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Tests.Tenants;

/// <summary>
/// Tenants bound from configuration one tenant at a time give what the configuration binder gave for the whole section
/// (JSON, a later provider overriding, environment-variable casing, an empty tenant), in time proportional to the keys.
/// </summary>
public sealed class TenantsConfigurationTests
{
    private static IConfigurationRoot Configuration(int tenants, params (string Key, string? Value)[] overrides)
    {
        var json = new StringBuilder("""{ "Other": { "A": "1" }, "Tenants": { "empty": {}, """);
        json.AppendJoin(", ", Enumerable.Range(0, tenants).Select(i =>
            $$"""
            "t{{i:0000}}": { "Provider": "Sqlite", "DisplayName": "Tenant {{i}}", "Pinned": {{(i % 2 == 0 ? "true" : "false")}},
              "Settings": { "ConnectionString": "Data Source=t{{i}}.db", "CreateSchema": "true", "Empty": null } }
            """));
        json.Append("} }");
        return new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json.ToString())))
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();
    }

    private static Dictionary<string, TenantOptions> Bound(IConfiguration configuration)
    {
        var tenants = new Dictionary<string, TenantOptions>(StringComparer.Ordinal);
        TenantsConfiguration.Bind(configuration, tenants);
        return tenants;
    }

    private static Dictionary<string, TenantOptions> BinderBound(IConfiguration configuration)
    {
        var tenants = new Dictionary<string, TenantOptions>(StringComparer.Ordinal);
        configuration.GetSection(TenantsOptions.Section).Bind(tenants);
        return tenants;
    }

    private static string Describe(Dictionary<string, TenantOptions> tenants) => string.Join("\n", tenants.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t =>
        $"{t.Key}|{t.Value.Provider}|{t.Value.DisplayName}|{t.Value.Pinned}|" +
        string.Join(",", t.Value.Settings.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase).Select(s => $"{s.Key}={s.Value ?? "(null)"}"))));

    [Fact]
    public void Gives_what_the_binder_gives_with_later_providers_winning()
    {
        var configuration = Configuration(50,
            ("Tenants:t0003:Settings:ConnectionString", "Data Source=moved.db"),
            ("TENANTS:t0004:DISPLAYNAME", "Renamed"),
            ("Tenants:added:Provider", "DynamoDb"),
            ("Tenants:added:Settings:TableName", "orders"));

        var bound = Bound(configuration);

        Assert.Equal(Describe(BinderBound(configuration)), Describe(bound));
        Assert.Equal("Data Source=moved.db", bound["t0003"].Settings["connectionstring"]);
        Assert.Equal("Renamed", bound["t0004"].DisplayName);
        Assert.True(bound["t0002"].Pinned);
        Assert.Empty(bound["empty"].Settings);
        Assert.Equal(52, bound.Count);
    }

    [Fact]
    public void Ten_thousand_tenants_bind_in_a_few_seconds_at_most()
    {
        var configuration = Configuration(10_000);
        var clock = Stopwatch.StartNew();

        var bound = Bound(configuration);

        Assert.Equal(10_001, bound.Count);
        Assert.Equal("Data Source=t9876.db", bound["t9876"].Settings["ConnectionString"]);
        // The binder over the whole section took minutes here (quadratic in the keys); one pass takes well under a second idle.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }
}
