using FaunaLocal.Server;

namespace FaunaLocal.Tests;

public class LimitsAndMeteringTests
{
    [Fact]
    public async Task Hard_limits_answer_429_limit_exceeded_once_the_second_is_spent()
    {
        await using var s = await ServerFixture.StartAsync(new FaunaLocalOptions { Limits = RateLimits.Parse("write=2", hard: true) });
        await s.Query("Collection.create({ name: \"W\" })");
        var replies = new List<Reply>();
        for (var i = 0; i < 6; i++) replies.Add(await s.Query("W.create({ i: 1 })"));
        var refused = Assert.Single(replies.Where(r => r.Status == 429).Take(1));
        Assert.Equal("limit_exceeded", refused.ErrorCode);
        Assert.Equal("""["write"]""", refused.Stats.GetProperty("rate_limits_hit").GetRawText());
        var other = await s.Query("1", "secret:");
        Assert.Equal(200, other.Status); // limits are per secret
    }

    [Fact]
    public async Task Soft_limits_only_report_the_overrun()
    {
        await using var s = await ServerFixture.StartAsync(new FaunaLocalOptions { Limits = RateLimits.Parse("read=1,compute=1000", hard: false) });
        await s.Query("Collection.create({ name: \"R\" })");
        var r = await s.Query("R.all().count()");
        Assert.Equal(200, r.Status);
        Assert.Equal("""["read"]""", r.Stats.GetProperty("rate_limits_hit").GetRawText());
    }

    [Fact]
    public async Task Limits_are_off_by_default()
    {
        await using var s = await ServerFixture.StartAsync();
        await s.Query("Collection.create({ name: \"F\" })");
        for (var i = 0; i < 20; i++) Assert.Equal(200, (await s.Query("F.create({ i: 1 })")).Status);
    }

    [Theory]
    [InlineData("read=0")]
    [InlineData("reads=5")]
    [InlineData("read")]
    public void Limit_options_are_validated(string text) => Assert.Throws<FormatException>(() => RateLimits.Parse(text, true));

    [Fact]
    public void Metering_follows_faunas_rules()
    {
        using var db = new TestDb();
        db.Simple("Collection.create({ name: \"M\", indexes: { byK: { terms: [{ field: \".k\" }] } } })");
        var small = db.Run("M.create({ k: \"a\" }).id");
        Assert.Equal(1, small.Meter.WriteOps);
        var id = db.Simple("M.create({ k: \"b\", blob: \"" + new string('x', 5000) + "\" }).id").GetString();

        var twice = db.Run($"[M.byId(\"{id}\")!.k, M.byId(\"{id}\")!.k]");
        Assert.Equal(2, twice.Meter.ReadOps); // 5 KB document: two 4 KiB units, counted once however often it is read
        Assert.InRange(twice.Meter.BytesRead, 5000, 6000);

        var indexed = db.Run("M.byK(\"a\").first()!.k");
        Assert.Equal(2, indexed.Meter.ReadOps); // one for the index entries, one for the document
        var scan = db.Run("M.all().count()");
        Assert.Equal(8, scan.Meter.ReadOps); // an index without terms spans 8 partitions

        Assert.Equal(1, db.Run("1").Meter.ComputeOps);
        Assert.True(db.Run("Set.sequence(0, 200).map(x => x + 1).count()").Meter.ComputeOps >= 4);

        var big = db.Run("M.create({ blob: \"" + new string('y', 3000) + "\" })");
        Assert.Equal(3, big.Meter.WriteOps);

        var failed = db.Run($"M.byId(\"{id}\")!.k\nabort(1)");
        Assert.Equal(2, failed.Meter.ReadOps); // reads are charged even when the query fails
    }
}
