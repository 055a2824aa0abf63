using System.Text.Json;
using FaunaLocal.Server;
using FaunaLocal.Storage;

namespace FaunaLocal.Tests;

/// <summary>`POST /feed/1`: pages, cursors, start times, and every way a request can be wrong.</summary>
public sealed class FeedTests : IAsyncLifetime
{
    private ServerFixture _s = null!;

    public async ValueTask InitializeAsync()
    {
        _s = await ServerFixture.StartAsync();
        Assert.Equal(200, (await _s.Query("Collection.create({ name: \"Item\" })")).Status);
    }

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    private static List<int> Ns(Reply page) =>
        [.. EventClient.Events(page).Select(e => int.Parse(e.GetProperty("data").GetProperty("@doc").GetProperty("n").GetProperty("@int").GetString()!))];

    [Fact]
    public async Task Pages_follow_each_other_by_cursor_and_end_with_has_next_false()
    {
        var token = await EventClient.Token(_s, "Item.all().eventSource()");
        for (var i = 0; i < 7; i++) await _s.Query($"Item.create({{ n: {i} }})");
        var pages = new List<List<int>>();
        string? cursor = null;
        while (true)
        {
            var page = await EventClient.Feed(_s, cursor == null ? new { token, page_size = 3 } : (object)new { token, page_size = 3, cursor });
            Assert.Equal(200, page.Status);
            pages.Add(Ns(page));
            cursor = page.Json.GetProperty("cursor").GetString();
            var stats = page.Json.GetProperty("stats");
            Assert.Equal(pages[^1].Count, stats.GetProperty("read_ops").GetInt32());
            if (!page.Json.GetProperty("has_next").GetBoolean()) break;
        }
        Assert.Equal([[0, 1, 2], [3, 4, 5], [6]], pages);
        // Nothing new: an empty page whose cursor has moved up to the read's snapshot, still valid later.
        var empty = await EventClient.Feed(_s, new { token, cursor });
        Assert.Empty(EventClient.Events(empty));
        Assert.False(empty.Json.GetProperty("has_next").GetBoolean());
        await _s.Query("Item.create({ n: 7 })");
        Assert.Equal([7], Ns(await EventClient.Feed(_s, new { token, cursor = empty.Json.GetProperty("cursor").GetString() })));
    }

    [Fact]
    public async Task A_start_time_replaces_the_tokens_start_and_default_pages_hold_16()
    {
        var token = await EventClient.Token(_s, "Item.all().eventSource()");
        var first = await _s.Query("Item.create({ n: 0 })");
        await _s.Query("Set.sequence(1, 21).forEach(i => Item.create({ n: i }))");
        var page = await EventClient.Feed(_s, new { token, start_ts = first.Json.GetProperty("txn_ts").GetInt64() });
        Assert.Equal(Enumerable.Range(1, 16), Ns(page));
        Assert.True(page.Json.GetProperty("has_next").GetBoolean());
        // A start in the future is kept: the cursor never moves back before it.
        var future = Storage.Store.NowMicros() + 60_000_000;
        var ahead = await EventClient.Feed(_s, new { token, start_ts = future });
        Assert.Empty(EventClient.Events(ahead));
        await _s.Query("Item.create({ n: 99 })");
        Assert.Empty(EventClient.Events(await EventClient.Feed(_s, new { token, cursor = ahead.Json.GetProperty("cursor").GetString() })));
        // An event source made by a feed request's own query starts when that query ran: earlier writes are not in it.
        var fresh = await EventClient.Token(_s, "Item.all().eventSource()");
        Assert.Empty(EventClient.Events(await EventClient.Feed(_s, new { token = fresh })));
    }

    [Theory]
    [InlineData("""{"page_size":3}""", "Invalid request body: `token` (the event source, a String) is required")]
    [InlineData("""{"token":"not a token"}""", "Invalid request body: invalid event source provided")]
    [InlineData("""{"token":"TOKEN","cursor":"nope"}""", "Invalid request body: invalid event cursor provided")]
    [InlineData("""{"token":"TOKEN","cursor":"AAAAAAAAAAAAAAAA","start_ts":1}""", "Invalid request body: can not provide both `start_ts` and `cursor`")]
    [InlineData("""{"token":"TOKEN","page_size":0}""", "Invalid request body: page size must be greater than zero.")]
    [InlineData("""{"token":"TOKEN","page_size":16001}""", "Invalid request body: page size can not be greater than 16000.")]
    [InlineData("""{"token":"TOKEN","start_ts":"yesterday"}""", "Invalid request body: `start_ts` must be a number of microseconds")]
    [InlineData("""not json""", null)]
    public async Task Bad_requests_are_400_invalid_request_in_json(string body, string? message)
    {
        var token = await EventClient.Token(_s, "Item.all().eventSource()");
        // Streams have no pages: a page size means nothing to them.
        var paths = message?.Contains("page size") == true ? ["/feed/1"] : new[] { "/feed/1", "/stream/1" };
        foreach (var path in paths)
        {
            var r = await EventClient.Send(_s, path, body.Replace("TOKEN", token), "secret", System.Net.HttpVersion.Version11);
            Assert.Equal(400, r.Status);
            Assert.Equal("invalid_request", r.ErrorCode);
            if (message != null) Assert.Equal(message, r.Json.GetProperty("error").GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Secrets_are_checked_and_a_token_means_nothing_in_another_database()
    {
        var token = await EventClient.Token(_s, "Item.all().eventSource()");
        var none = await EventClient.Send(_s, "/feed/1", JsonSerializer.Serialize(new { token }), null, System.Net.HttpVersion.Version11);
        Assert.Equal(401, none.Status);
        Assert.Equal("unauthorized", none.ErrorCode);
        Assert.Equal("Bearer", none.WwwAuthenticate);
        Assert.Equal(401, (await EventClient.Feed(_s, new { token }, "wrong")).Status);

        await _s.Query("Database.create({ name: \"other\" })");
        var elsewhere = await EventClient.Feed(_s, new { token }, "secret:other:admin");
        Assert.Equal(400, elsewhere.Status);
        Assert.Equal("Error evaluating provided event source, Collection `Item` does not exist.", elsewhere.Json.GetProperty("error").GetProperty("message").GetString());
        var bad = await EventClient.Feed(_s, new { token }, "secret", ("X-Query-Timeout-Ms", "0"));
        Assert.Equal(400, bad.Status);
    }

    [Fact]
    public async Task Child_databases_have_their_own_events()
    {
        await _s.Query("Database.create({ name: \"tenant\" })");
        const string child = "secret:tenant:admin";
        await _s.Query("Collection.create({ name: \"Item\" })", child);
        var rootToken = await EventClient.Token(_s, "Item.all().eventSource()");
        var childToken = await EventClient.Token(_s, "Item.all().eventSource()", child);
        await _s.Query("Item.create({ n: 1 })");
        await _s.Query("Item.create({ n: 2 })", child);
        Assert.Equal([1], Ns(await EventClient.Feed(_s, new { token = rootToken })));
        Assert.Equal([2], Ns(await EventClient.Feed(_s, new { token = childToken }, child)));
    }

    [Fact]
    public async Task An_expired_token_or_cursor_is_400_invalid_request()
    {
        await using var small = await ServerFixture.StartAsync(new FaunaLocalOptions { EventHistory = new CommitHistory.Limits(TimeSpan.FromMinutes(15), 3) });
        await small.Query("Collection.create({ name: \"Item\" })");
        var token = await EventClient.Token(small, "Item.all().eventSource()");
        for (var i = 0; i < 5; i++) await small.Query($"Item.create({{ n: {i} }})");
        // Only the last 3 transactions are kept: the token's start is no longer covered.
        foreach (var path in new[] { "/feed/1", "/stream/1" })
        {
            var r = await EventClient.Send(small, path, JsonSerializer.Serialize(new { token }), "secret", System.Net.HttpVersion.Version11);
            Assert.Equal(400, r.Status);
            Assert.Equal("invalid_request", r.ErrorCode);
            Assert.Contains("too far in the past", r.Json.GetProperty("error").GetProperty("message").GetString());
        }

        await using var brief = await ServerFixture.StartAsync(new FaunaLocalOptions { EventHistory = new CommitHistory.Limits(TimeSpan.FromMilliseconds(300), 1000) });
        await brief.Query("Collection.create({ name: \"Item\" })");
        var old = await EventClient.Token(brief, "Item.all().eventSource()");
        Assert.Equal(200, (await EventClient.Feed(brief, new { token = old })).Status);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(400, (await EventClient.Feed(brief, new { token = old })).Status);
    }

    [Fact]
    public async Task Feeds_count_against_hard_rate_limits()
    {
        await using var limited = await ServerFixture.StartAsync(new FaunaLocalOptions { Limits = RateLimits.Parse("read=3", hard: true) });
        await limited.Query("Collection.create({ name: \"Item\" })");
        var token = await EventClient.Token(limited, "Item.all().eventSource()");
        await limited.Query("Set.sequence(0, 5).forEach(i => Item.create({ n: i }))");
        var replies = new List<Reply>();
        for (var i = 0; i < 3; i++) replies.Add(await EventClient.Feed(limited, new { token, page_size = 2 }));
        var refused = replies.First(r => r.Status == 429);
        Assert.Equal("limit_exceeded", refused.ErrorCode);
        Assert.Equal("""["read"]""", refused.Json.GetProperty("stats").GetProperty("rate_limits_hit").GetRawText());
    }
}
