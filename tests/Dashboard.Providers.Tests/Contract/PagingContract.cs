using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;

namespace Dashboard.Providers.Tests.Contract;

public abstract partial class StoreContractTests<TFixture>
{
    [Fact]
    public async Task Users_page_through_in_email_order_with_no_duplicates_or_gaps_while_rows_are_inserted()
    {
        var original = new List<User>();
        for (var i = 0; i < 23; i++) original.Add(await NewUserAsync($"m{i:D2}@example.com"));

        var seen = new List<User>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.ListUsersAsync(UserQuery.All, new(5, token), Ct);
            seen.AddRange(page.Items);
            token = page.ContinuationToken;
            pages++;
            // Someone signs up between page loads: before, inside and after the part already read.
            await NewUserAsync($"a{pages:D2}@example.com");
            await NewUserAsync($"m{pages:D2}x@example.com");
            await NewUserAsync($"z{pages:D2}@example.com");
        } while (token is not null);

        Assert.True(pages >= 3, $"expected at least 3 pages, got {pages}");
        Assert.Equal(seen.Count, seen.Select(u => u.Id).Distinct().Count());
        Assert.Equal(seen.Select(u => u.Email).Order(StringComparer.Ordinal), seen.Select(u => u.Email));
        Assert.All(original, u => Assert.Contains(u.Id, seen.Select(s => s.Id)));
    }

    [Fact]
    public async Task The_last_page_has_no_token_and_an_empty_tenant_has_one_empty_page()
    {
        var empty = await Store.ListUsersAsync(UserQuery.All, new(10), Ct);
        Assert.Empty(empty.Items);
        Assert.False(empty.HasMore);

        for (var i = 0; i < 4; i++) await NewUserAsync();
        var exact = await Store.ListUsersAsync(UserQuery.All, new(4), Ct);
        Assert.Equal(4, exact.Items.Count);
        Assert.Null(exact.ContinuationToken);
    }

    [Fact]
    public async Task Users_filter_by_email_prefix_ignoring_case()
    {
        foreach (var email in new[] { "ann@example.com", "anna@example.com", "andrew@example.com", "bob@example.com", "xann@example.com" })
            await NewUserAsync(email);

        var page = await Store.ListUsersAsync(new UserQuery(UserSortField.Email, " ANN"), new(10), Ct);

        Assert.Equal(["ann@example.com", "anna@example.com"], page.Items.Select(u => u.Email));
    }

    [Fact]
    public async Task Users_order_and_filter_by_name_ignoring_case_across_pages()
    {
        foreach (var name in new[] { "carol", "Alice", "bob", "Alicia", "alina", "Bea", "alice" })
            await NewUserAsync(name: name);

        var byName = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.ListUsersAsync(new UserQuery(UserSortField.Name, "ali"), new(2, token), Ct);
            byName.AddRange(page.Items.Select(u => u.Name));
            token = page.ContinuationToken;
        } while (token is not null);

        Assert.Equal(4, byName.Count);
        Assert.Equal(byName.Select(n => n.ToLowerInvariant()).Order(StringComparer.Ordinal), byName.Select(n => n.ToLowerInvariant()));
        Assert.All(byName, n => Assert.StartsWith("ali", n, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task Page_size_out_of_range_is_refused(int size)
    {
        await AssertInvalidAsync("pageSize", () => Store.ListUsersAsync(UserQuery.All, new(size), Ct));
    }

    [Fact]
    public async Task A_tampered_or_foreign_continuation_token_is_refused()
    {
        for (var i = 0; i < 3; i++) await NewUserAsync();
        var page = await Store.ListUsersAsync(UserQuery.All, new(1), Ct);
        Assert.NotNull(page.ContinuationToken);

        await AssertInvalidAsync("cursor", () => Store.ListUsersAsync(UserQuery.All, new(1, "garbage!!"), Ct));
        await AssertInvalidAsync("cursor", () => Store.ListUsersAsync(new UserQuery(UserSortField.Name), new(1, page.ContinuationToken), Ct));
        var user = page.Items[0];
        await AssertInvalidAsync("cursor", () => Store.ListOrdersAsync(user.Id, new(1, page.ContinuationToken), Ct));
    }

    [Fact]
    public async Task Approximate_count_when_present_is_in_the_right_range()
    {
        for (var i = 0; i < 12; i++) await NewUserAsync();

        var page = await Store.ListUsersAsync(UserQuery.All, new PageRequest(5), Ct);

        // Backends estimate from statistics that may lag; an estimate must at least not be absurd.
        if (page.ApproximateTotal is { } estimate) Assert.InRange(estimate, 0, 1_000);
    }
}
