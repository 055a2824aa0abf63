using System.Net;
using System.Text.Json;
using FaunaLocal.Server;

namespace FaunaLocal.Tests;

/// <summary>`POST /stream/1` over HTTP/1.1 (chunked) and HTTP/2 (prior knowledge) on the same port.</summary>
public sealed class StreamTests : IAsyncLifetime
{
    private ServerFixture _s = null!;

    public static TheoryData<string> Versions => ["1.1", "2.0"];

    public async ValueTask InitializeAsync()
    {
        _s = await ServerFixture.StartAsync(new FaunaLocalOptions { StreamStatusInterval = TimeSpan.FromMilliseconds(300) });
        Assert.Equal(200, (await _s.Query("Collection.create({ name: \"Item\" })")).Status);
    }

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    private static int N(JsonElement e) => int.Parse(e.GetProperty("data").GetProperty("@doc").GetProperty("n").GetProperty("@int").GetString()!);

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Status_first_then_each_commit_in_order_as_it_commits(string version)
    {
        var token = await EventClient.Token(_s, "Item.all().eventSource()");
        await using var stream = await EventClient.Stream(_s, new { token }, Version.Parse(version));
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal(Version.Parse(version), stream.Response.Version);
        Assert.Equal("application/json; charset=utf-8", stream.Response.Content.Headers.ContentType!.ToString());
        Assert.True(stream.Response.Headers.Contains("x-fauna-stream-id"));
        if (version == "1.1") Assert.True(stream.Response.Headers.TransferEncodingChunked);

        var status = (await stream.Next())!.Value;
        Assert.Equal("status", Type(status));
        Assert.True(status.GetProperty("txn_ts").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Array, status.GetProperty("stats").GetProperty("rate_limits_hit").ValueKind);

        var times = new List<long>();
        for (var i = 0; i < 3; i++) times.Add((await _s.Query($"Item.create({{ n: {i} }})")).Json.GetProperty("txn_ts").GetInt64());
        var id = (await _s.Query("Item.all().first()!.id")).Data.GetString();
        times.Add((await _s.Query($"Item.byId(\"{id}\")!.update({{ n: 10 }})")).Json.GetProperty("txn_ts").GetInt64());
        times.Add((await _s.Query($"Item.byId(\"{id}\")!.delete()")).Json.GetProperty("txn_ts").GetInt64());

        var events = await stream.Data(5);
        Assert.Equal(["add", "add", "add", "update", "remove"], events.Select(Type));
        Assert.Equal([0, 1, 2, 10, 10], events.Select(N));
        Assert.Equal(times, events.Select(e => e.GetProperty("txn_ts").GetInt64()));
        Assert.All(events, e => Assert.Equal(1, e.GetProperty("stats").GetProperty("read_ops").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_stream_dropped_mid_flight_resumes_from_its_cursor_without_missing_or_repeating(string version)
    {
        var token = await EventClient.Token(_s, "Item.all().eventSource()");
        // A writer that never pauses for the reader: 60 commits, some while nobody listens.
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++) Assert.Equal(200, (await _s.Query($"Item.create({{ n: {i} }})")).Status);
        }, TestContext.Current.CancellationToken);
        var seen = new List<int>();
        string? cursor = null;
        for (var attempt = 0; seen.Count < 60 && attempt < 20; attempt++)
        {
            await using var stream = await EventClient.Stream(_s, cursor == null ? new { token } : new { token, cursor }, Version.Parse(version));
            // Take a few events, then drop the connection like a flaky network would.
            var events = await stream.Data(Math.Min(7, 60 - seen.Count));
            seen.AddRange(events.Select(N));
            cursor = events[^1].GetProperty("cursor").GetString();
        }
        await writer;
        Assert.Equal(Enumerable.Range(0, 60), seen);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Idle_streams_send_status_events_with_a_moving_cursor(string version)
    {
        var token = await EventClient.Token(_s, "Item.all().eventSource()");
        await using var stream = await EventClient.Stream(_s, new { token }, Version.Parse(version));
        var first = (await stream.Next())!.Value;
        await _s.Query("Collection.create({ name: \"Other\" })");
        await _s.Query("Other.create({ x: 1 })"); // a commit this source does not see
        var later = (await stream.Next(TimeSpan.FromSeconds(5)))!.Value;
        Assert.Equal("status", Type(later));
        Assert.True(later.GetProperty("txn_ts").GetInt64() > first.GetProperty("txn_ts").GetInt64());
        // Its cursor is a valid place to resume from.
        await _s.Query("Item.create({ n: 5 })");
        await using var resumed = await EventClient.Stream(_s, new { token, cursor = later.GetProperty("cursor").GetString() }, Version.Parse(version));
        Assert.Equal([5], (await resumed.Data(1)).Select(N));
    }

    [Fact]
    public async Task A_start_before_the_sources_creation_is_refused()
    {
        var before = (await _s.Query("Item.create({ n: 0 })")).Json.GetProperty("txn_ts").GetInt64();
        var token = await EventClient.Token(_s, "Item.all().eventSource()");
        var r = await EventClient.Send(_s, "/stream/1", JsonSerializer.Serialize(new { token, start_ts = before }), "secret", HttpVersion.Version11);
        Assert.Equal(400, r.Status);
        Assert.Equal("Invalid stream start time: Stream start time can not be before the stream create time.", r.Json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_deleted_key_ends_its_streams_with_permission_loss()
    {
        var secret = (await _s.Query("Key.create({ role: \"server\" }).secret")).Data.GetString()!;
        var token = await EventClient.Token(_s, "Item.all().eventSource()", secret);
        await using var stream = await EventClient.Stream(_s, new { token }, HttpVersion.Version20, secret);
        Assert.Equal("status", Type((await stream.Next())!.Value));
        await _s.Query($"Key.where(.secret == \"{secret}\").forEach(k => k.delete())");
        var loss = (await stream.Next())!.Value;
        Assert.Equal("error", Type(loss));
        Assert.Equal("permission_loss", loss.GetProperty("error").GetProperty("code").GetString());
        Assert.Null(await stream.Next());
    }

    [Fact]
    public async Task A_failing_event_is_the_streams_last()
    {
        var token = await EventClient.Token(_s, "Item.all().map(i => abort(\"oops\")).eventSource()");
        await using var stream = await EventClient.Stream(_s, new { token }, HttpVersion.Version11);
        await _s.Query("Item.create({ n: 1 })");
        var error = (await stream.Data(1))[0];
        Assert.Equal("error", Type(error));
        Assert.Equal("abort", error.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("\"oops\"", error.GetProperty("error").GetProperty("abort").GetRawText());
        Assert.Null(await stream.Next());
    }

    [Fact]
    public async Task Streams_beyond_the_limit_are_429_and_a_stopping_server_drops_the_rest()
    {
        await using var small = await ServerFixture.StartAsync(new FaunaLocalOptions { MaxStreams = 2 });
        await small.Query("Collection.create({ name: \"Item\" })");
        var token = await EventClient.Token(small, "Item.all().eventSource()");
        await using var a = await EventClient.Stream(small, new { token }, HttpVersion.Version11);
        await using var b = await EventClient.Stream(small, new { token }, HttpVersion.Version20);
        await a.Next();
        await b.Next();
        Assert.Equal(2, small.Server.Streams!.Open);
        var third = await EventClient.Send(small, "/stream/1", JsonSerializer.Serialize(new { token }), "secret", HttpVersion.Version11);
        Assert.Equal(429, third.Status);
        Assert.Equal("limit_exceeded", third.ErrorCode);

        var stopped = small.Server.StopAsync();
        await Assert.ThrowsAnyAsync<Exception>(async () => { while (await a.Next() != null) { } });
        await stopped.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
