using System.Net.Http.Headers;
using System.Text.Json;
using FaunaLocal.Server;

namespace FaunaLocal.Tests;

/// <summary>
/// <c>GET /usage/1</c>: per secret's database, the sum of the ops every answer's stats reported, answers with errors
/// included, and nothing of another database's.
/// </summary>
public sealed class UsageTests
{
    private static async Task<(int Status, JsonElement Body)> Usage(ServerFixture s, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(s.Url, UsageEndpoint.Path));
        if (secret is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await s.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static (long Read, long Write, long Compute) Ops(JsonElement stats) =>
        (stats.GetProperty("read_ops").GetInt64(), stats.GetProperty("write_ops").GetInt64(), stats.GetProperty("compute_ops").GetInt64());

    [Fact]
    public async Task A_databases_usage_is_the_sum_of_the_stats_its_answers_reported()
    {
        await using var s = await ServerFixture.StartAsync();
        await s.Query("Database.create({ name: \"tenant1\" })");
        await s.Query("Database.create({ name: \"tenant2\" })");
        const string admin = "secret:tenant1:admin";
        var replies = new List<Reply>
        {
            await s.Query(TestDb.UserSchema, admin),
            await s.Query("User.create({ email: \"a@x.com\", name: \"A\", age: 1 })", admin),
            await s.Query("User.create({ email: \"b@x.com\", name: \"B\", age: 2 })", admin),
            await s.Query("User.all().toArray()", admin),
            // An error still reports what it spent.
            await s.Query("abort(\"no\")", admin),
        };
        Assert.Equal(400, replies[^1].Status);

        var expected = replies.Select(r => Ops(r.Stats)).Aggregate((a, b) => (a.Read + b.Read, a.Write + b.Write, a.Compute + b.Compute));
        var usage = await Usage(s, admin);

        Assert.Equal(200, usage.Status);
        Assert.Equal(expected, Ops(usage.Body));
        Assert.True(expected.Read > 0 && expected.Write > 0 && expected.Compute > 0, $"{expected}");
        Assert.Equal((0L, 0L, 0L), Ops((await Usage(s, "secret:tenant2:admin")).Body));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task Usage_needs_a_valid_secret(string? secret)
    {
        await using var s = await ServerFixture.StartAsync();
        var refused = await Usage(s, secret);
        Assert.Equal(401, refused.Status);
        Assert.Equal("unauthorized", refused.Body.GetProperty("error").GetProperty("code").GetString());
    }
}
