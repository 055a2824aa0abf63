using System.Diagnostics;
using System.Text.Json;
using FaunaLocal.Server;
using FaunaLocal.Storage;

namespace FaunaLocal.Tests;

public sealed class DurabilityTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "faunalocal-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private TestDb Open() => new(Store.Open(_dir));

    private string LogPath => Path.Combine(_dir, "txlog.bin");

    [Fact]
    public void Data_schema_databases_and_keys_survive_a_restart()
    {
        string id, secret;
        using (var db = Open())
        {
            db.Simple(TestDb.UserSchema);
            id = db.Simple("User.create({ email: \"keep@x.com\", name: \"Keep\", at: Time(\"2024-01-01T00:00:00Z\") }).id").GetString()!;
            db.Simple("Database.create({ name: \"child\" })");
            secret = db.Simple("Key.create({ role: \"server\", database: \"child\" }).secret").GetString()!;
            db.Simple($"User.byId(\"{id}\")!.update({{ name: \"Kept\" }})");
        }
        using (var db = Open())
        {
            Assert.Equal("Kept", db.Simple("User.byEmail(\"keep@x.com\").first()!.name").GetString());
            Assert.Equal("constraint_failure", db.Error("User.create({ email: \"keep@x.com\" })").Code);
            Assert.Equal("child", db.Simple("Database.byName(\"child\")!.name").GetString());
            Assert.Contains(db.Store.Current.Keys.Values, k => k.Secret == secret && k.Path.SequenceEqual(["child"]));
        }
    }

    [Fact]
    public void Functions_and_ttls_survive_a_restart_through_the_log_and_the_snapshot()
    {
        string id;
        using (var db = Open())
        {
            db.Simple("Collection.create({ name: \"S\" })");
            db.Simple("Function.create({ name: \"Triple\", body: \"x => x * 3\", data: { v: 1 } })");
            id = db.Simple("S.create({ ttl: Time(\"2999-01-01T00:00:00Z\") }).id").GetString()!;
        }
        for (var reopen = 0; reopen < 2; reopen++) // first from the log, then from the snapshot it was compacted into
        {
            using var db = Open();
            Assert.Equal(9, db.Simple("Triple(3)").GetInt32());
            Assert.Equal(1, db.Simple("Function.byName(\"Triple\")!.data.v").GetInt32());
            Assert.Equal("2999-01-01T00:00:00Z", db.Simple($"S.byId(\"{id}\")!.ttl").GetString());
        }
        using (var db = Open()) db.Simple("Function.byName(\"Triple\")!.delete()");
        using (var db = Open()) Assert.False(db.Simple("Function.byName(\"Triple\").exists()").GetBoolean());
    }

    [Fact]
    public void Opening_compacts_the_log_into_a_snapshot()
    {
        using (var db = Open())
        {
            db.Simple("Collection.create({ name: \"N\" })");
            db.Simple("N.create({ v: 1 })");
            Assert.True(new FileInfo(LogPath).Length > 0);
        }
        using (var db = Open())
        {
            Assert.Equal(2, db.Store.Data!.RecoveredTransactions);
            Assert.Equal(0, new FileInfo(LogPath).Length);
            Assert.True(File.Exists(Path.Combine(_dir, "snapshot.json")));
            db.Simple("N.create({ v: 2 })");
        }
        using (var db = Open())
        {
            Assert.Equal(1, db.Store.Data!.RecoveredTransactions);
            Assert.Equal(3, db.Simple("N.all().fold(0, (s, d) => s + d.v)").GetInt32());
        }
    }

    [Theory]
    [InlineData("truncated header")]
    [InlineData("truncated payload")]
    [InlineData("bad checksum")]
    public void A_torn_tail_is_dropped_and_everything_before_it_kept(string damage)
    {
        using (var db = Open())
        {
            db.Simple("Collection.create({ name: \"N\" })");
            db.Simple("N.create({ v: 1 })");
        }
        using (var db = Open()) db.Simple("N.create({ v: 2 })"); // this one stays in the log, after the snapshot
        var intact = new FileInfo(LogPath).Length;
        using (var f = new FileStream(LogPath, FileMode.Open, FileAccess.ReadWrite))
        {
            switch (damage)
            {
                case "truncated header":
                    f.Seek(0, SeekOrigin.End);
                    f.Write([0x20, 0x00, 0x00]);
                    break;
                case "truncated payload":
                    f.Seek(0, SeekOrigin.End);
                    f.Write([0xFF, 0x00, 0x00, 0x00, 0, 0, 0, 0, (byte)'{', (byte)'"']);
                    break;
                case "bad checksum":
                    f.Seek(-2, SeekOrigin.End);
                    f.WriteByte((byte)'X');
                    break;
            }
        }
        using (var db = Open())
        {
            Assert.True(db.Store.Data!.DroppedTailBytes > 0);
            var sum = db.Simple("N.all().fold(0, (s, d) => s + d.v)").GetInt32();
            Assert.Equal(damage == "bad checksum" ? 1 : 3, sum);
            db.Simple("N.create({ v: 10 })");
        }
        using (var db = Open())
            Assert.Equal(damage == "bad checksum" ? 11 : 13, db.Simple("N.all().fold(0, (s, d) => s + d.v)").GetInt32());
        Assert.True(intact > 0);
    }

    [Fact]
    public async Task Kill_9_loses_no_acknowledged_transaction_and_leaves_no_partial_one()
    {
        var dll = typeof(FaunaLocalServer).Assembly.Location;
        var (first, url) = await StartProcess(dll);
        using var http = new HttpClient { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "secret");
        await Post(http, "Collection.create({ name: \"Pair\" })");

        // Each transaction writes two documents with the same tag; the server is killed while writes stream in.
        var acknowledged = new List<int>();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                try { await Post(http, $"Pair.create({{ tag: {i}, half: 1 }})\nPair.create({{ tag: {i}, half: 2 }})"); }
                catch (HttpRequestException) { return; }
                lock (acknowledged) acknowledged.Add(i);
            }
        }, TestContext.Current.CancellationToken);
        await Task.Delay(700, TestContext.Current.CancellationToken);
        first.Kill(entireProcessTree: true);
        await writer;
        await first.WaitForExitAsync(TestContext.Current.CancellationToken);

        var (second, url2) = await StartProcess(dll);
        try
        {
            using var http2 = new HttpClient { BaseAddress = url2 };
            http2.DefaultRequestHeaders.Authorization = new("Bearer", "secret");
            var tags = (await Post(http2, "Pair.all().map(.tag).toArray()")).EnumerateArray().Select(e => e.GetInt32()).ToList();
            Assert.NotEmpty(acknowledged);
            Assert.All(acknowledged, i => Assert.Equal(2, tags.Count(t => t == i)));
            Assert.All(tags.GroupBy(t => t), g => Assert.Equal(2, g.Count()));
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private async Task<(Process, Uri)> StartProcess(string dll)
    {
        var psi = new ProcessStartInfo("dotnet", ["exec", dll, "--port", "0", "--data", _dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var p = Process.Start(psi)!;
        var line = await p.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) ?? throw new InvalidOperationException(await p.StandardError.ReadToEndAsync());
        var start = line.IndexOf("http://", StringComparison.Ordinal);
        return (p, new Uri(line[start..line.IndexOf(' ', start)]));
    }

    private static async Task<JsonElement> Post(HttpClient http, string fql)
    {
        using var resp = await http.PostAsync("/query/1", new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["query"] = fql })));
        var text = await resp.Content.ReadAsStringAsync();
        Assert.True(resp.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("data").Clone();
    }
}
