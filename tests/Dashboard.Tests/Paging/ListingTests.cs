using Dashboard.Core.Errors;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;

namespace Dashboard.Tests.Paging;

/// <summary>
/// The shared listing tokens and page assembly every backend pages with: tokens come back only to the listing
/// (and filter) that wrote them, and a fetch of one row more than the page says whether another page follows.
/// </summary>
public sealed class ListingTests
{
    private sealed record Position(string Key, string Id);

    private sealed record Row(string Key, string Id);

    private static List<Row> Rows(int count) => [.. Enumerable.Range(0, count).Select(i => new Row($"k{i:D3}", $"id{i:D3}"))];

    private static Page<string> Assemble(Listing listing, IReadOnlyList<Row> fetched, int size) =>
        listing.Assemble(fetched, new PageRequest(size), r => r.Key, r => new Position(r.Key, r.Id), approximateTotal: 42);

    [Fact]
    public void A_page_shows_its_size_and_continues_after_its_last_row_when_the_extra_row_was_fetched()
    {
        var listing = Listing.Users(UserQuery.All);
        Assert.Equal(6, Listing.FetchSize(new PageRequest(5)));

        var page = Assemble(listing, Rows(6), 5);

        Assert.Equal(["k000", "k001", "k002", "k003", "k004"], page.Items);
        Assert.True(page.HasMore);
        Assert.Equal(42, page.ApproximateTotal);
        Assert.Equal(new Position("k004", "id004"), listing.Resume<Position>(new PageRequest(5, page.ContinuationToken)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    public void Without_the_extra_row_it_is_the_last_page(int fetched)
    {
        var page = Assemble(Listing.OrdersOf("01ARZ3NDEKTSV4RRFFQ69G5FAV"), Rows(fetched), 5);

        Assert.Equal(fetched, page.Items.Count);
        Assert.False(page.HasMore);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public void The_first_page_has_no_position()
    {
        Assert.Null(Listing.OrdersOf("u1").Resume<Position>(new PageRequest(10)));
    }

    public static TheoryData<string, string> OtherListings => new()
    {
        { "users by email", "users by name" },
        { "users by email", "users by email under \"ann\"" },
        { "users by email under \"ann\"", "users by email under \"anna\"" },
        { "users by name under \"ann\"", "users by email under \"ann\"" },
        { "orders of u1", "orders of u2" },
        { "orders of u1", "users by email" },
        { "users by email under \"a/b\"", "users by email under \"a%2Fb\"" },
        { "orders of a/b", "users by email under \"b\"" },
    };

    private static Listing Named(string name) => name switch
    {
        "users by email" => Listing.Users(UserQuery.All),
        "users by name" => Listing.Users(new UserQuery(UserSortField.Name)),
        "users by email under \"ann\"" => Listing.Users(new UserQuery(UserSortField.Email, "ANN ")),
        "users by email under \"anna\"" => Listing.Users(new UserQuery(UserSortField.Email, "anna")),
        "users by name under \"ann\"" => Listing.Users(new UserQuery(UserSortField.Name, "ann")),
        "users by email under \"a/b\"" => Listing.Users(new UserQuery(UserSortField.Email, "a/b")),
        "users by email under \"a%2Fb\"" => Listing.Users(new UserQuery(UserSortField.Email, "a%2Fb")),
        "users by email under \"b\"" => Listing.Users(new UserQuery(UserSortField.Email, "b")),
        "orders of u1" => Listing.OrdersOf("u1"),
        "orders of u2" => Listing.OrdersOf("u2"),
        "orders of a/b" => Listing.OrdersOf("a/b"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(OtherListings))]
    public void A_token_is_bound_to_its_listing_and_filter(string from, string to)
    {
        var token = Named(from).ContinueAfter(new Position("k", "id"));

        Assert.Equal(new Position("k", "id"), Named(from).Resume<Position>(new PageRequest(5, token)));
        Assert.NotEqual(Named(from).Kind, Named(to).Kind);
        AssertNotValid(() => Named(to).Resume<Position>(new PageRequest(5, token)));
        AssertNotValid(() => Named(from).Resume<Position>(new PageRequest(5, Named(to).ContinueAfter(new Position("k", "id")))));
    }

    [Fact]
    public void The_same_filter_written_differently_is_the_same_listing()
    {
        // The prefix is normalised before it names the listing: " ANN " and "ann" continue each other's pages.
        var token = Listing.Users(new UserQuery(UserSortField.Email, " ANN ")).ContinueAfter("ann@example.com");
        Assert.Equal("ann@example.com", Listing.Users(new UserQuery(UserSortField.Email, "ann")).Resume<string>(new PageRequest(5, token)));
    }

    [Fact]
    public void A_part_holding_a_slash_cannot_pose_as_more_parts()
    {
        // A user id or search text with '/' must not spell the kind of a listing with more parts, such as a
        // future orders/status/{status}.
        Assert.Equal(["orders", "status%2FPending"], Listing.OrdersOf("status/Pending").Kind.Split('/'));
        Assert.Equal(["users", "Email", "a%2Fb%25"], Listing.Users(new UserQuery(UserSortField.Email, "a/b%")).Kind.Split('/'));
    }

    [Theory]
    [InlineData("garbage!!")]
    [InlineData("")]
    [InlineData("eyJLaW5kIjoib3JkZXJzIiwiUG9zaXRpb24iOiJ4In0")]
    public void A_mangled_token_is_not_valid(string token)
    {
        AssertNotValid(() => Listing.OrdersOf("u1").Resume<Position>(new PageRequest(5, token)));
    }

    private static void AssertNotValid(Func<object?> resume)
    {
        var error = Assert.Throws<ValidationException>(resume);
        Assert.Equal(ContinuationToken.NotValid().Errors, error.Errors);
        Assert.Contains("page link is not valid", error.Errors["cursor"][0]);
    }
}
