using Dashboard.Services;

namespace Dashboard.Tests.Services;

/// <summary>
/// The ops pages order only the tenants up to the page asked for (a bounded heap): every page, search and sort gives
/// what ordering every tenant did (largest figure first, ties by tenant id), and the pages neither overlap nor skip.
/// </summary>
public sealed class TopTenantsSelectionTests
{
    private sealed record Row(string Id, double Calls, double Errors);

    private static readonly IReadOnlyList<TenantSort<Row>> Sorts = [new("calls", "Calls", r => r.Calls), new("errors", "Errors", r => r.Errors)];

    /// <summary>The order every tenant sorted gives, as the pages did before they ordered only what they show.</summary>
    private static List<Row> FullyOrdered(IEnumerable<Row> rows, TopTenantsQuery query)
    {
        var matching = rows.Where(r => string.IsNullOrEmpty(query.Search) || r.Id.Contains(query.Search, StringComparison.OrdinalIgnoreCase));
        if (query.Sort == TopTenantsQuery.ByTenant)
            return (query.Ascending ? matching.OrderBy(r => r.Id, StringComparer.Ordinal) : matching.OrderByDescending(r => r.Id, StringComparer.Ordinal)).ToList();
        Func<Row, double> figure = query.Sort == "errors" ? r => r.Errors : r => r.Calls;
        return (query.Ascending ? matching.OrderBy(figure) : matching.OrderByDescending(figure)).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    [Theory]
    [InlineData(null, null, false, 10)]
    [InlineData("calls", null, true, 10)]
    [InlineData("errors", "1", false, 7)]
    [InlineData(TopTenantsQuery.ByTenant, null, false, 25)]
    [InlineData(TopTenantsQuery.ByTenant, "2", true, 100)]
    public void Every_page_is_the_slice_of_the_full_order_and_the_pages_cover_each_tenant_once(string? sort, string? search, bool ascending, int size)
    {
        var random = new Random(23);
        // Few distinct figures, so ties (broken by id) are everywhere.
        var rows = Enumerable.Range(0, 2_000).Select(i => new Row($"t{i:0000}", random.Next(50), random.Next(5) / 4.0)).OrderBy(_ => random.Next()).ToList();
        var query = new TopTenantsQuery(search, sort, ascending, 0, size);
        var expected = FullyOrdered(rows, query);

        var first = TopTenants.Select(rows, r => r.Id, Sorts, query);
        Assert.Equal(expected.Count, first.TotalMatching);
        var seen = new List<Row>();
        for (var page = 0; page < first.PageCount; page++)
        {
            var shown = TopTenants.Select(rows, r => r.Id, Sorts, query with { Page = page });
            Assert.Equal(expected.Skip(page * size).Take(size), shown.Rows);
            seen.AddRange(shown.Rows);
        }
        Assert.Equal(expected, seen);
        Assert.Equal(expected, TopTenants.Select(rows, r => r.Id, Sorts, query with { PageSize = TopTenantsQuery.All }).Rows);
    }

    [Fact]
    public void A_page_past_the_last_shows_the_last_and_no_tenants_give_one_empty_page()
    {
        var rows = Enumerable.Range(0, 25).Select(i => new Row($"t{i:00}", i, 0)).ToList();

        var past = TopTenants.Select(rows, r => r.Id, Sorts, new TopTenantsQuery(Page: 9));
        Assert.Equal((2, 3), (past.Page, past.PageCount));
        Assert.Equal(["t04", "t03", "t02", "t01", "t00"], past.Rows.Select(r => r.Id));

        var none = TopTenants.Select([], r => r.Id, Sorts, new TopTenantsQuery(Page: 3));
        Assert.Equal((0, 0, 1), (none.Page, none.TotalMatching, none.PageCount));
        Assert.Empty(none.Rows);
    }

    [Fact]
    public void The_bounded_selection_keeps_the_first_rows_in_order()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 5_000).Select(_ => random.Next(1_000)).ToList();
        foreach (var count in new[] { 0, 1, 10, 333, 4_999, 5_000, 6_000 })
            Assert.Equal(values.Order().Take(count), TopTenants.First(values, (a, b) => a.CompareTo(b), count));
    }
}
