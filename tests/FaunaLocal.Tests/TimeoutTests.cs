using System.Diagnostics;
using System.Text.Json;
using FaunaLocal.Engine;
using FaunaLocal.Language;

namespace FaunaLocal.Tests;

/// <summary>X-Query-Timeout-Ms holds for every query: a query past its deadline answers time_out and commits nothing.</summary>
public sealed class TimeoutTests
{
    [Fact]
    public void A_fast_write_past_its_deadline_commits_nothing()
    {
        using var db = new TestDb();
        db.Simple("Collection.create({ name: \"W\" })");
        var (query, _) = QueryText.ParseSource("W.create({ n: 1 })");
        var expired = new QueryDeadline(Stopwatch.GetTimestamp() - Stopwatch.Frequency, Stopwatch.GetTimestamp() - 1);
        var r = new QueryExecutor(db.Store).Execute(new QueryRequest(query, new Dictionary<string, Values.Value>(), [], false, expired, 0, true));
        Assert.Equal(QueryOutcome.TimedOut, r.Outcome);
        Assert.Equal(0, db.Simple("W.all().count()").GetInt32());
    }

    [Fact]
    public async Task Over_http_the_deadline_counts_from_the_request_and_uses_faunas_error()
    {
        await using var s = await ServerFixture.StartAsync();
        await s.Query("Collection.create({ name: \"W\" })");
        // One call, a write, but a 2 MB body to read and parse first: well past a 1 ms deadline.
        var body = JsonSerializer.Serialize(new { query = new { fql = new object[] { "W.create({ blob: ", new { value = new string('x', 2_000_000) }, " }).id" } } });
        var r = await s.Post(body, headers: [("X-Format", "tagged"), ("X-Query-Timeout-Ms", "1")]);
        Assert.Equal(440, r.Status);
        Assert.Equal("time_out", r.ErrorCode);
        Assert.StartsWith("Client set aggressive deadline: query needs 1000, timed out within ", r.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.True(r.Json.GetProperty("txn_ts").GetInt64() > 0);
        Assert.Equal("0", (await s.Query("W.all().count()")).Data.GetProperty("@int").GetString());
    }
}
