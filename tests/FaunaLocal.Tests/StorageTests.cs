using System.Net.Http.Headers;
using System.Text.Json;
using FaunaLocal.Server;
using FaunaLocal.Storage;

namespace FaunaLocal.Tests;

/// <summary>
/// <c>GET /storage/1</c> and the running figures behind it: per secret's database (children included), growing
/// and shrinking with writes, always equal to a full count, and the same after a restart.
/// </summary>
public sealed class StorageTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "faunalocal-storage-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static async Task<(int Status, JsonElement Body, string WwwAuthenticate)> Storage(ServerFixture s, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(s.Url, StorageEndpoint.Path));
        if (secret is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await s.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response.Headers.WwwAuthenticate.ToString());
    }

    private static long Bytes(JsonElement body, string field = "storage_bytes") => body.GetProperty(field).GetInt64();

    [Fact]
    public async Task A_secret_reads_its_own_databases_storage_which_grows_and_shrinks_with_its_documents()
    {
        await using var s = await ServerFixture.StartAsync();
        await s.Query("Database.create({ name: \"tenant1\" })");
        await s.Query("Database.create({ name: \"tenant2\" })");
        var secret = (await s.Query("Key.create({ role: \"server-readonly\", database: \"tenant1\" }).secret")).Data.GetString()!;
        var admin = "secret:tenant1:admin";
        Assert.Equal(200, (await s.Query(TestDb.UserSchema, admin)).Status);

        var empty = await Storage(s, secret);
        Assert.Equal(200, empty.Status);
        Assert.Equal(0, Bytes(empty.Body));
        Assert.Equal(0, empty.Body.GetProperty("documents").GetInt64());

        var payload = 0L;
        for (var i = 0; i < 20; i++)
        {
            var name = $"person number {i:D2} with a longer name";
            payload += name.Length;
            Assert.Equal(200, (await s.Query($"User.create({{ email: \"p{i}@x.com\", name: \"{name}\", age: {i} }})", admin)).Status);
        }
        var loaded = (await Storage(s, secret)).Body;
        Assert.Equal(20, loaded.GetProperty("documents").GetInt64());
        Assert.True(Bytes(loaded, "document_bytes") > payload, $"documents hold {Bytes(loaded, "document_bytes")} B for {payload} B of names");
        Assert.True(Bytes(loaded, "index_bytes") > 0, "the indexes hold no bytes");
        Assert.Equal(Bytes(loaded, "document_bytes") + Bytes(loaded, "index_bytes"), Bytes(loaded));
        Assert.True(loaded.GetProperty("txn_ts").GetInt64() > 0);

        // Another tenant sees only its own (empty) database; the root's figure includes every child's.
        Assert.Equal(0, Bytes((await Storage(s, "secret:tenant2:admin")).Body));
        Assert.Equal(Bytes(loaded), Bytes((await Storage(s, "secret")).Body));

        Assert.Equal(200, (await s.Query("User.all().forEach(u => u.delete())", admin)).Status);
        var emptied = (await Storage(s, secret)).Body;
        Assert.Equal(0, Bytes(emptied));
        Assert.Equal(0, emptied.GetProperty("documents").GetInt64());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    [InlineData("secret:nope:admin")]
    public async Task Storage_needs_a_valid_secret(string? secret)
    {
        await using var s = await ServerFixture.StartAsync();
        var refused = await Storage(s, secret);
        Assert.Equal(401, refused.Status);
        Assert.Equal("unauthorized", refused.Body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("Bearer", refused.WwwAuthenticate);
    }

    /// <summary>Every document's size and every index entry's, counted from scratch.</summary>
    private static (long Documents, long Indexes) Counted(DatabaseState db) =>
        db.Collections.Values.Aggregate((Documents: 0L, Indexes: 0L), (sum, c) => (
            sum.Documents + c.Docs.Values.Sum(d => (long)d.Size),
            sum.Indexes + c.Indexes.Values.Sum(set => set.Sum(e => (long)e.Size))));

    [Fact]
    public void Running_figures_equal_a_full_count_after_creates_updates_deletes_and_schema_changes()
    {
        using var db = new TestDb();
        db.Simple(TestDb.UserSchema);
        var ids = Enumerable.Range(0, 30).Select(i => db.Simple($"User.create({{ email: \"u{i}@x.com\", name: \"n{i}\", age: {i % 7} }}).id").GetString()!).ToList();
        db.Simple($"User.byId(\"{ids[3]}\")!.update({{ email: \"changed@x.com\", name: \"{new string('z', 300)}\" }})");
        db.Simple($"User.byId(\"{ids[4]}\")!.replace({{ email: \"u4@x.com\" }})");
        db.Simple($"User.byId(\"{ids[5]}\")!.delete()");
        db.Simple("Collection.byName(\"User\")!.update({ indexes: { byName: { terms: [{ field: \".name\" }] } } })");
        db.Simple($"User.byId(\"{ids[6]}\")!.update({{ name: \"after the new index\" }})");

        var state = db.Store.Current.Root;
        var running = DatabaseStorage.Of(state);
        var (documents, indexes) = Counted(state);
        Assert.Equal(documents, running.DocumentBytes);
        Assert.Equal(indexes, running.IndexBytes);
        Assert.Equal(29, running.Documents);
    }

    [Fact]
    public void Storage_figures_are_the_same_after_a_restart()
    {
        DatabaseStorage before;
        using (var db = new TestDb(Store.Open(_dir)))
        {
            db.Simple(TestDb.UserSchema);
            for (var i = 0; i < 10; i++) db.Simple($"User.create({{ email: \"r{i}@x.com\", name: \"r{i}\", age: {i} }})");
            before = DatabaseStorage.Of(db.Store.Current.Root);
        }
        Assert.True(before.Bytes > 0);
        using var reopened = new TestDb(Store.Open(_dir));
        Assert.Equal(before, DatabaseStorage.Of(reopened.Store.Current.Root));
    }
}
