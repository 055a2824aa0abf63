using FaunaLocal.Engine;
using FaunaLocal.Language;
using FaunaLocal.Server;
using FaunaLocal.Values;

namespace FaunaLocal.Tests;

/// <summary>A burst of concurrent queries cannot spend more than a hard per-second limit.</summary>
public sealed class RateLimitBurstTests
{
    /// <summary>A clock that stays in one second (so a burst shares one window) until moved on.</summary>
    private sealed class FrozenClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(int seconds) => _now = _now.AddSeconds(seconds);
    }

    private static (int Ok, int Throttled) Burst(TestDb db, RateLimiter limiter, string fql, int queries)
    {
        var (query, _) = QueryText.ParseSource(fql);
        var shape = fql.GetHashCode(StringComparison.Ordinal);
        var results = new QueryOutcome?[queries];
        Parallel.For(0, queries, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            var reservation = limiter.Admit("secret", shape, out var refused);
            if (reservation == null)
            {
                Assert.NotEmpty(refused);
                results[i] = QueryOutcome.Throttled;
                return;
            }
            var r = new QueryExecutor(db.Store).Execute(new QueryRequest(query, new Dictionary<string, Value>(), [], false,
                QueryDeadline.In(TimeSpan.FromSeconds(10)), 7, true, reservation));
            reservation.Settle(r.Meter);
            results[i] = r.Outcome;
        });
        return (results.Count(r => r == QueryOutcome.Success), results.Count(r => r == QueryOutcome.Throttled));
    }

    [Fact]
    public void Concurrent_writes_stop_exactly_at_the_write_limit()
    {
        using var db = new TestDb();
        db.Simple("Collection.create({ name: \"W\" })");
        var limiter = new RateLimiter(RateLimits.Parse("write=5", hard: true), new FrozenClock());
        var (ok, throttled) = Burst(db, limiter, "W.create({ n: 1 })", 40);
        Assert.Equal(5, ok);
        Assert.Equal(35, throttled);
        Assert.Equal(5, db.Simple("W.all().count()").GetInt32());
    }

    [Fact]
    public void Concurrent_reads_never_spend_more_than_the_read_limit()
    {
        using var db = new TestDb();
        db.Simple("Collection.create({ name: \"R\" })");
        db.Simple("R.create({ n: 1 })");
        // Each count costs 8 read ops (an index without terms spans 8 partitions): 20 allow two of them.
        var limiter = new RateLimiter(RateLimits.Parse("read=20", hard: true), new FrozenClock());
        var (ok, throttled) = Burst(db, limiter, "R.all().count()", 30);
        Assert.Equal(2, ok);
        Assert.Equal(28, throttled);
        // Nothing is left for a third: the window is spent, not overdrawn.
        var reservation = limiter.Admit("secret", "R.all().count()".GetHashCode(StringComparison.Ordinal), out var refused);
        Assert.Null(reservation);
        Assert.Equal(["read"], refused);
    }

    [Fact]
    public void A_query_alone_may_go_over_and_the_next_seconds_pay_it_back()
    {
        using var db = new TestDb();
        db.Simple("Collection.create({ name: \"W\" })");
        var clock = new FrozenClock();
        var limiter = new RateLimiter(RateLimits.Parse("write=1", hard: true), clock);
        const string twoWrites = "W.create({ n: 1 })\nW.create({ n: 2 })";
        Assert.Equal((1, 0), Burst(db, limiter, twoWrites, 1)); // bigger than a second's budget, but alone: it runs
        Assert.Equal((0, 1), Burst(db, limiter, "W.create({ n: 3 })", 1));
        clock.Advance(1);
        Assert.Equal((0, 1), Burst(db, limiter, "W.create({ n: 3 })", 1)); // the second it borrowed is still owed
        clock.Advance(1);
        Assert.Equal((1, 0), Burst(db, limiter, "W.create({ n: 3 })", 1));
        // Two such queries at once: only one of them may borrow.
        clock.Advance(5);
        Assert.Equal((1, 9), Burst(db, limiter, twoWrites, 10));
        Assert.Equal(5, db.Simple("W.all().count()").GetInt32());
    }

    [Fact]
    public void Soft_limits_never_refuse_but_report()
    {
        using var db = new TestDb();
        db.Simple("Collection.create({ name: \"W\" })");
        var limiter = new RateLimiter(RateLimits.Parse("write=5", hard: false), new FrozenClock());
        var (ok, _) = Burst(db, limiter, "W.create({ n: 1 })", 12);
        Assert.Equal(12, ok);
        var last = limiter.Admit("secret", 1, out _)!;
        Assert.Equal(["write"], last.Settle(new Metering()));
    }
}
