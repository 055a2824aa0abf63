using System.Net;
using Dashboard.Tests.Access;

namespace Dashboard.Tests.Pages;

/// <summary>
/// Query values anyone can type into the address bar, over HTTP against the real app: a value that does not
/// parse or is out of range is ignored (or the page says what it did instead), never a 500 and never the
/// recovery panel in place of the page.
/// </summary>
public sealed class QueryValueHttpTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadValues => new()
    {
        { "/t/sandbox/users?size=abc", "<h1" },
        { "/t/sandbox/users?size=99999999999", "<h1" },
        { "/t/sandbox/users?size=-25", "<h1" },
        { "/t/sandbox/users?size=1e3&by=nonsense&q=%00%FF", "<h1" },
        { "/t/sandbox/users?after=not-a-cursor", "That page link is not valid any more, so this is the first page." },
        { "/t/sandbox/users?after=eyJLaW5kIjoib3JkZXJzIiwiUG9zaXRpb24iOiJ4In0", "That page link is not valid any more, so this is the first page." },
        { "/audit?before=abc", "Audit log" },
        { "/audit?before=99999999999999999999999", "Audit log" },
        { "/audit?before=-5&from=yesterday&to=9999-12-31", "Audit log" },
        { "/audit?from=0001-01-01&to=2025-02-30&tenant=nope&entity=Nothing", "Audit log" },
        { "/ops/throughput?window=abc&tenant=nope", "Throughput" },
        { "/ops/throttling?window=999h", "Throttling" },
        { "/ops/cost?window=%20", "Estimated cost" },
        { "/t/sandbox/orders/not-an-id?x=1", "Order not-an-id does not exist in sandbox." },
        { "/t/sandbox/users/not-an-id?size=abc", "User not-an-id does not exist in sandbox." },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_query_value_is_ignored_and_the_page_answers(string url, string expected)
    {
        var client = await server.SignedInAsync("ops@example.com", "ops-pass-1");

        var response = await client.GetAsync(url, Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, html);
        Assert.DoesNotContain("recovery-panel", html);
        Assert.DoesNotContain("id=\"error-title\"", html);
    }

    [Fact]
    public async Task A_page_size_the_pager_offers_is_kept_and_any_other_falls_back_to_25()
    {
        var client = await server.SignedInAsync("ops@example.com", "ops-pass-1");

        Assert.Contains("Rows per page", await client.GetStringAsync("/t/sandbox/users?size=50", Ct));
        // The select shows the page size in use.
        Assert.Matches("<option value=\"50\" selected", await client.GetStringAsync("/t/sandbox/users?size=50", Ct));
        Assert.Matches("<option value=\"25\" selected", await client.GetStringAsync("/t/sandbox/users?size=99999999999", Ct));
    }
}
