using FaunaLocal.Engine;

namespace FaunaLocal.Tests;

public class TransactionTests
{
    [Fact]
    public void Abort_rolls_back_every_write_of_the_query()
    {
        using var db = new TestDb();
        db.Simple("Collection.create({ name: \"Acct\" })");
        var id = db.Simple("Acct.create({ balance: 100 }).id").GetString();
        var e = db.Error($$"""
            Acct.create({ balance: 1 })
            let a = Acct.byId("{{id}}")!
            a.update({ balance: a.balance - 500 })
            if (Acct.byId("{{id}}")!.balance < 0) abort({ reason: "overdrawn" })
            """);
        Assert.Equal("abort", e.Code);
        Assert.Equal(100, db.Simple($"Acct.byId(\"{id}\")!.balance").GetInt32());
        Assert.Equal(1, db.Simple("Acct.all().count()").GetInt32());
    }

    [Fact]
    public void Optimistic_concurrency_idiom_with_arguments()
    {
        using var db = new TestDb();
        db.Simple(TestDb.UserSchema);
        var id = db.Simple("User.create({ email: \"o@x.com\", name: \"O\" }).id").GetString()!;
        var ts = db.Run($"User.byId(\"{id}\")!.ts");
        var tsValue = Values.TaggedReader.Stored.Read(System.Text.Json.JsonDocument.Parse(ts.Data!).RootElement);
        const string guarded = "let u = User.byId(id)!\nif (u.ts != ts) abort({ code: \"stale\", ts: u.ts })\nu.update(patch)";
        Values.Value Patch(string name) => new Values.ObjectValue([KeyValuePair.Create("name", (Values.Value)new Values.StringValue(name))]);
        var args = new Dictionary<string, Values.Value> { ["id"] = new Values.StringValue(id), ["ts"] = tsValue, ["patch"] = Patch("Fresh") };
        Assert.Equal("Fresh", db.Simple(guarded + ".name", args).GetString());
        args["patch"] = Patch("Stale");
        var stale = db.Run(guarded, args: args);
        Assert.Equal("abort", stale.Error!.Code);
        Assert.Equal("Fresh", db.Simple($"User.byId(\"{id}\")!.name").GetString());
    }

    [Fact]
    public void A_runtime_error_after_writes_leaves_nothing_behind()
    {
        using var db = new TestDb();
        db.Simple("Collection.create({ name: \"Log\" })");
        Assert.Equal("null_value", db.Error("Log.create({ n: 1 })\nLog.create({ n: 2 })\nnull.x").Code);
        Assert.Equal(0, db.Simple("Log.all().count()").GetInt32());
    }

    [Fact]
    public void Writes_are_visible_later_in_the_same_query_including_indexes()
    {
        using var db = new TestDb();
        db.Simple(TestDb.UserSchema);
        var r = db.Simple("User.create({ email: \"in@tx.com\", name: \"In\" })\nUser.byEmail(\"in@tx.com\").first()!.name");
        Assert.Equal("In", r.GetString());
    }

    [Fact]
    public void A_stale_writer_is_rerun_under_the_lock_or_refused_without_retries()
    {
        using var db = new TestDb();
        db.Simple("Collection.create({ name: \"C\" })");
        var id = db.Simple("C.create({ n: 0 }).id").GetString();
        // Reads happen against a snapshot; another commit lands before this query's first write.
        var (query, _) = Language.QueryText.ParseSource($"let c = C.byId(\"{id}\")!\nlet n = c.n\nC.create({{ marker: true }})\nc.update({{ n: n + 1 }})");
        var store = db.Store;
        var txnStarted = false;
        // Interleave deterministically: commit another write after the snapshot by running it in between.
        var interleaved = new InterleavingStore(store, () =>
        {
            if (txnStarted) return;
            txnStarted = true;
            db.Simple($"let c = C.byId(\"{id}\")!\nc.update({{ n: c.n + 10 }})");
        });
        var refused = interleaved.Execute(query, maxRetries: 0);
        Assert.Equal(QueryOutcome.Contended, refused.Outcome);
        Assert.Equal(10, db.Simple($"C.byId(\"{id}\")!.n").GetInt32());

        txnStarted = false;
        var retried = interleaved.Execute(query, maxRetries: 3);
        Assert.Equal(QueryOutcome.Success, retried.Outcome);
        Assert.Equal(1, retried.ContentionRetries);
        Assert.Equal(21, db.Simple($"C.byId(\"{id}\")!.n").GetInt32());
    }

    [Fact]
    public async Task Concurrent_increments_over_http_lose_no_update()
    {
        await using var s = await ServerFixture.StartAsync();
        await s.Query("Collection.create({ name: \"Counter\" })");
        var id = (await s.Query("Counter.create({ n: 0 }).id")).Data.GetString();
        const int writers = 8, each = 25;
        var retries = 0;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            for (var i = 0; i < each; i++)
            {
                var r = await s.Query($"let c = Counter.byId(\"{id}\")!\nc.update({{ n: c.n + 1 }})\nc.n");
                Assert.Equal(200, r.Status);
                Interlocked.Add(ref retries, r.Stats.GetProperty("contention_retries").GetInt32());
            }
        }));
        var final = await s.Query($"Counter.byId(\"{id}\")!.n");
        Assert.Equal(writers * each, int.Parse(final.Data.GetProperty("@int").GetString()!));
    }
}

/// <summary>Runs a query whose snapshot is taken, then lets a callback commit, then continues: a forced race.</summary>
internal sealed class InterleavingStore(Storage.Store store, Action between)
{
    public QueryResult Execute(Language.Expr query, int maxRetries)
    {
        // The callback runs inside the query, after its reads and before its first write, through a native function.
        var args = new Dictionary<string, Values.Value>
        {
            ["__between"] = new NativeFunctionValue("between", (_, _, _) =>
            {
                between();
                return Values.NullValue.Instance;
            }),
        };
        var wrapped = new Language.Block(0, [new Language.Call(0, new Language.Identifier(0, "__between"), [], false), query]);
        return new QueryExecutor(store).Execute(new QueryRequest(wrapped, args, [], false, QueryDeadline.In(TimeSpan.FromSeconds(10)), maxRetries, true));
    }
}
