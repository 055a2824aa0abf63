using FaunaLocal.Storage;

namespace FaunaLocal.Tests;

/// <summary>Every answer's txn_ts is a real snapshot time: never 0, moving forward, consistent with commits.</summary>
public sealed class SnapshotTimeTests
{
    [Fact]
    public async Task A_read_on_a_fresh_database_gets_a_time_that_moves_forward()
    {
        await using var s = await ServerFixture.StartAsync();
        var before = Store.NowMicros();
        var first = (await s.Query("1")).Json.GetProperty("txn_ts").GetInt64();
        var second = (await s.Query("2")).Json.GetProperty("txn_ts").GetInt64();
        Assert.InRange(first, before, Store.NowMicros());
        Assert.True(second > first, $"{second} should be after {first}");

        var error = (await s.Query("abort(1)")).Json.GetProperty("txn_ts").GetInt64();
        Assert.True(error > second);
        var syntax = (await s.Query("let x =")).Json.GetProperty("txn_ts").GetInt64();
        Assert.True(syntax > error);
        await s.Query("Collection.create({ name: \"T\" })");
        var write = (await s.Query("T.create({ n: 1 })")).Json.GetProperty("txn_ts").GetInt64();
        var read = (await s.Query("T.all().count()")).Json.GetProperty("txn_ts").GetInt64();
        Assert.True(write > syntax && read >= write);
    }

    [Fact]
    public async Task An_initial_page_and_its_event_source_together_see_every_write_exactly_once()
    {
        var dir = Path.Combine(Path.GetTempPath(), "faunalocal-snap-" + Guid.NewGuid().ToString("N"));
        try
        {
            // On disk, so commits spend a while between taking their time and becoming visible.
            await using var s = await ServerFixture.StartAsync(new Server.FaunaLocalOptions { DataDirectory = dir });
            await s.Query("Collection.create({ name: \"Item\" })");
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < 40; i++) Assert.Equal(200, (await s.Query($"Item.create({{ n: {w * 100 + i} }})")).Status);
            }, TestContext.Current.CancellationToken)).ToArray();
            var samples = new List<(HashSet<int> Page, string Token)>();
            while (!writers.All(w => w.IsCompleted))
            {
                var r = await s.Query("let set = Item.all()\n{ page: set.map(.n).toArray(), source: set.eventSource() }");
                samples.Add(([.. r.Data.GetProperty("page").EnumerateArray().Select(n => int.Parse(n.GetProperty("@int").GetString()!))],
                    r.Data.GetProperty("source").GetProperty("@stream").GetString()!));
            }
            await Task.WhenAll(writers);
            Assert.True(samples.Count >= 2, "the writers finished before any sample was taken");
            var all = Enumerable.Range(0, 4).SelectMany(w => Enumerable.Range(w * 100, 40)).ToHashSet();
            foreach (var (page, token) in samples)
            {
                var feed = await EventClient.Feed(s, new { token, page_size = 16000 });
                var added = EventClient.Events(feed).Select(e => int.Parse(e.GetProperty("data").GetProperty("@doc").GetProperty("n").GetProperty("@int").GetString()!)).ToList();
                Assert.Empty(added.Intersect(page));
                Assert.Equal(added.Count, added.Distinct().Count());
                Assert.True(all.SetEquals(page.Concat(added)), $"page {page.Count} + events {added.Count} should be all {all.Count}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_snapshot_never_claims_a_time_whose_commit_it_cannot_see()
    {
        using var store = Store.InMemory();
        Assert.True(store.TryLockWrites(TimeSpan.FromSeconds(1)));
        var pending = store.NextTxnTs();
        // The writer holds a time but has not made its commit visible: a snapshot taken now ends before it.
        var (during, duringTs) = store.Snapshot();
        Assert.True(duringTs < pending);
        Assert.Equal(0, during.LastTs);
        store.Commit(StoreState.Empty, pending, []);
        store.UnlockWrites();
        var (after, afterTs) = store.Snapshot();
        Assert.Equal(pending, after.LastTs);
        Assert.True(afterTs >= pending);
        // And the next writer's time is after every snapshot handed out.
        Assert.True(store.TryLockWrites(TimeSpan.FromSeconds(1)));
        Assert.True(store.NextTxnTs() > afterTs);
        store.UnlockWrites();
    }

    [Fact]
    public void A_writer_that_gives_up_leaves_nothing_pending()
    {
        using var store = Store.InMemory();
        Assert.True(store.TryLockWrites(TimeSpan.FromSeconds(1)));
        var abandoned = store.NextTxnTs();
        store.UnlockWrites();
        Assert.True(store.Snapshot().Ts >= abandoned);
    }
}
