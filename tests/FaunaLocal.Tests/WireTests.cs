using System.Net;
using System.Text.Json;
using FaunaLocal.Server;

namespace FaunaLocal.Tests;

public class WireTests : IAsyncLifetime
{
    private ServerFixture _s = null!;

    public async ValueTask InitializeAsync() => _s = await ServerFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Ping_answers_get_and_head()
    {
        using var get = await _s.Http.GetAsync(new Uri(_s.Url, "/ping"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using var head = await _s.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(_s.Url, "/ping")), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task Missing_or_wrong_secret_is_401_with_www_authenticate()
    {
        var none = await _s.Post("""{"query":"1"}""", secret: null);
        Assert.Equal(401, none.Status);
        Assert.Equal("unauthorized", none.ErrorCode);
        Assert.Equal("Bearer", none.WwwAuthenticate);
        var wrong = await _s.Post("""{"query":"1"}""", secret: "nope");
        Assert.Equal(401, wrong.Status);
        Assert.Equal("unauthorized", wrong.ErrorCode);
    }

    [Fact]
    public async Task Tagged_arguments_round_trip_every_type()
    {
        const string args = """
            {"i":{"@int":"7"},"l":{"@long":"9007199254740993"},"d":{"@double":"1.5"},"day":{"@date":"2024-02-29"},
             "t":{"@time":"2024-01-02T03:04:05.123456Z"},"b":{"@bytes":"AQID"},"o":{"@object":{"@at":"x","n":{"a":[true,null]}}},"s":"plain"}
            """;
        var r = await _s.Post($$"""{"query":{"fql":["[i, l, d, day, t, b, o, s, i + 1, d * 2]"]},"arguments":{{args}}}""", headers: ("X-Format", "tagged"));
        Assert.Equal(200, r.Status);
        Assert.Equal("""
            [{"@int":"7"},{"@long":"9007199254740993"},{"@double":"1.5"},{"@date":"2024-02-29"},{"@time":"2024-01-02T03:04:05.123456Z"},{"@bytes":"AQID"},{"@object":{"@at":"x","n":{"a":[true,null]}}},"plain",{"@int":"8"},{"@double":"3"}]
            """.Trim(), r.Data.GetRawText());
    }

    [Fact]
    public async Task Simple_format_is_the_default_and_untagged()
    {
        var r = await _s.Post("""{"query":"{ n: 1, l: 9007199254740993, d: 2.5, t: Time(\"2024-01-01T00:00:00Z\") }"}""");
        Assert.Equal(200, r.Status);
        Assert.Equal("""{"n":1,"l":9007199254740993,"d":2.5,"t":"2024-01-01T00:00:00Z"}""", r.Data.GetRawText());
    }

    [Fact]
    public async Task Template_values_nested_queries_arrays_and_objects()
    {
        const string body = """
            {"query":{"fql":["let x = ",{"value":{"@int":"2"}},"\n[x, ",
              {"fql":["let y = 10\ny + ",{"value":{"@int":"1"}}]},", ",
              {"array":[{"value":"a"},{"fql":["x * 3"]}]},", ",
              {"object":{"k":{"value":{"@long":"5"}},"q":{"fql":["\"v\""]}}},"]"]}}
            """;
        var r = await _s.Post(body, headers: ("X-Format", "tagged"));
        Assert.Equal(200, r.Status);
        Assert.Equal("""[{"@int":"2"},{"@int":"11"},["a",{"@int":"6"}],{"k":{"@long":"5"},"q":"v"}]""", r.Data.GetRawText());
    }

    [Fact]
    public async Task Http2_prior_knowledge_and_http11_share_the_port()
    {
        var h2 = await _s.Post("""{"query":"\"over h2\""}""", version: HttpVersion.Version20);
        Assert.Equal(HttpVersion.Version20, h2.Version);
        Assert.Equal("over h2", h2.Data.GetString());
        var h1 = await _s.Post("""{"query":"\"over h1\""}""");
        Assert.Equal(HttpVersion.Version11, h1.Version);
        Assert.Equal("over h1", h1.Data.GetString());
    }

    [Fact]
    public async Task Invalid_query_is_400_with_position_in_the_summary()
    {
        var r = await _s.Query("let a = 1\na +");
        Assert.Equal(400, r.Status);
        Assert.Equal("invalid_query", r.ErrorCode);
        Assert.Contains("at *query*:2:4", r.Json.GetProperty("summary").GetString());
        Assert.True(r.Json.TryGetProperty("stats", out _));
        Assert.True(r.Json.TryGetProperty("txn_ts", out _));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"nothing":1}""")]
    [InlineData("""{"query":{"fql":[{"bogus":1}]}}""")]
    [InlineData("""{"query":"1","arguments":{"x":{"@int":"x"}}}""")]
    public async Task Malformed_requests_are_invalid_request(string body)
    {
        var r = await _s.Post(body, headers: ("X-Format", "tagged"));
        Assert.Equal(400, r.Status);
        Assert.Equal("invalid_request", r.ErrorCode);
    }

    [Theory]
    [InlineData("X-Format", "xml")]
    [InlineData("X-Query-Timeout-Ms", "0")]
    [InlineData("X-Max-Contention-Retries", "9")]
    [InlineData("X-Last-Txn-Ts", "yesterday")]
    [InlineData("X-Query-Tags", "no-equals-sign")]
    public async Task Invalid_headers_are_invalid_request(string name, string value)
    {
        var r = await _s.Post("""{"query":"1"}""", headers: (name, value));
        Assert.Equal(400, r.Status);
        Assert.Equal("invalid_request", r.ErrorCode);
    }

    [Fact]
    public async Task Query_tags_are_echoed_and_informational_headers_accepted()
    {
        var r = await _s.Query("1", "secret", ("X-Query-Tags", "team=ops,request_id=42"), ("X-Last-Txn-Ts", "1"),
            ("X-Linearized", "true"), ("X-Typecheck", "false"), ("X-Driver", "test"), ("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        Assert.Equal(200, r.Status);
        Assert.Equal("team=ops,request_id=42", r.Json.GetProperty("query_tags").GetString());
    }

    [Fact]
    public async Task Queries_past_their_timeout_answer_440()
    {
        var r = await _s.Query("Set.sequence(0, 1000000).fold(0, (a, x) => a + x)", "secret", ("X-Query-Timeout-Ms", "5"));
        Assert.Equal(440, r.Status);
        Assert.Equal("time_out", r.ErrorCode);
    }

    [Fact]
    public async Task Oversized_requests_answer_413()
    {
        await using var small = await ServerFixture.StartAsync(new FaunaLocalOptions { MaxRequestBytes = 1024 });
        var r = await small.Post($$"""{"query":"\"{{new string('x', 5000)}}\""}""");
        Assert.Equal(413, r.Status);
        Assert.Equal("request_size_exceeded", r.ErrorCode);
    }

    [Fact]
    public async Task Transaction_times_stats_and_schema_version()
    {
        var schema = await _s.Query("Collection.create({ name: \"Thing\" })");
        Assert.Equal(200, schema.Status);
        var schemaVersion = schema.Json.GetProperty("schema_version").GetInt64();
        var write = await _s.Query("Thing.create({ blob: \"" + new string('x', 3000) + "\" })");
        var ts = write.Json.GetProperty("txn_ts").GetInt64();
        Assert.True(ts > schemaVersion);
        Assert.Equal(3, write.Stats.GetProperty("write_ops").GetInt32());
        Assert.True(write.Stats.GetProperty("storage_bytes_write").GetInt32() > 3000);
        Assert.Equal(1, write.Stats.GetProperty("compute_ops").GetInt32());
        Assert.Equal(0, write.Stats.GetProperty("rate_limits_hit").GetArrayLength());
        var read = await _s.Query("Thing.all().first()!.blob.length");
        // A read's txn_ts is its snapshot time: at or after the last commit, which it sees.
        Assert.True(read.Json.GetProperty("txn_ts").GetInt64() >= ts);
        Assert.Equal(schemaVersion, read.Json.GetProperty("schema_version").GetInt64());
        Assert.Equal(8 + 1, read.Stats.GetProperty("read_ops").GetInt32());
        Assert.Equal(0, read.Stats.GetProperty("write_ops").GetInt32());
    }

    [Fact]
    public async Task Abort_and_constraint_failure_bodies()
    {
        var abort = await _s.Query("abort({ code: \"stale\", at: Time(\"2024-01-01T00:00:00Z\") })");
        Assert.Equal(400, abort.Status);
        Assert.Equal("abort", abort.ErrorCode);
        Assert.Equal("""{"code":"stale","at":{"@time":"2024-01-01T00:00:00Z"}}""", abort.Json.GetProperty("error").GetProperty("abort").GetRawText());

        await _s.Query("Collection.create({ name: \"U\", constraints: [{ unique: [\"email\"] }] })");
        await _s.Query("U.create({ email: \"x\" })");
        var dup = await _s.Query("U.create({ email: \"x\" })");
        Assert.Equal(400, dup.Status);
        Assert.Equal("""[{"paths":[["email"]],"message":"Failed unique constraint."}]""",
            dup.Json.GetProperty("error").GetProperty("constraint_failures").GetRawText());
    }

    [Theory]
    [InlineData("User.all().frob()")]
    [InlineData("let = 1")]
    [InlineData("Time(1)")]
    [InlineData("[1,2].map(1)")]
    [InlineData("Collection.create({ name: \"bad name\" })")]
    [InlineData("Set.paginate(\"AAAA\")")]
    [InlineData("{ a: 1 }.a.b.c")]
    [InlineData("\"x\".slice(\"a\")")]
    public async Task Unsupported_or_wrong_queries_are_400_never_500(string fql)
    {
        var r = await _s.Query(fql);
        Assert.Equal(400, r.Status);
    }

    [Fact]
    public async Task Child_databases_with_their_own_keys_and_scoped_secrets()
    {
        await _s.Query("Database.create({ name: \"tenant1\" })");
        var key = await _s.Query("Key.create({ role: \"admin\", database: \"tenant1\" }).secret");
        var secret = key.Data.GetString()!;
        Assert.StartsWith("fn", secret);

        Assert.Equal(200, (await _s.Query("Collection.create({ name: \"Only\" })", secret)).Status);
        Assert.Equal(200, (await _s.Query("Only.create({ v: 1 })", secret)).Status);
        Assert.Equal("1", (await _s.Query("Only.all().count()", "secret:tenant1:admin")).Data.GetProperty("@int").GetString());
        Assert.Equal("invalid_query", (await _s.Query("Only.all().count()")).ErrorCode);

        var readOnly = await _s.Query("Only.create({ v: 2 })", "secret:tenant1:server-readonly");
        Assert.Equal(403, readOnly.Status);
        Assert.Equal("forbidden", readOnly.ErrorCode);
        Assert.Equal(401, (await _s.Query("1", "secret:nope:admin")).Status);
    }
}
