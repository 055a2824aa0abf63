using System.Text.Json;

namespace FaunaLocal.Tests;

/// <summary>Missing schema documents are null documents; keys are listed like documents.</summary>
public sealed class SchemaLookupTests : IDisposable
{
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void A_missing_database_is_a_null_document()
    {
        Assert.False(_db.Simple("Database.byName(\"nope\").exists()").GetBoolean());
        Assert.True(_db.Simple("Database.byName(\"nope\") == null").GetBoolean());
        Assert.Equal(JsonValueKind.Null, _db.Simple("Database.byName(\"nope\")?.name").ValueKind);
        Assert.Equal("""{"@ref":{"name":"nope","coll":{"@mod":"Database"},"exists":false,"cause":"not found"}}""", _db.Tagged("Database.byName(\"nope\")"));
        Assert.Equal("document_not_found", _db.Error("Database.byName(\"nope\")!").Code);

        _db.Simple("Database.create({ name: \"shop\" })");
        Assert.True(_db.Simple("Database.byName(\"shop\").exists()").GetBoolean());
        Assert.False(_db.Simple("Database.byName(\"shop\") == null").GetBoolean());
        Assert.Equal("shop", _db.Simple("Database.byName(\"shop\")!.name").GetString());
    }

    [Fact]
    public void Drivers_create_a_database_only_when_missing()
    {
        const string fql = "if (Database.byName(\"t\") == null) { Database.create({ name: \"t\" }); 1 } else 2";
        Assert.Equal(1, _db.Simple(fql).GetInt32());
        Assert.Equal(2, _db.Simple(fql).GetInt32());
    }

    [Fact]
    public void A_missing_collection_is_a_null_document()
    {
        Assert.False(_db.Simple("Collection.byName(\"Nope\").exists()").GetBoolean());
        Assert.Equal("document_not_found", _db.Error("Collection.byName(\"Nope\")!.indexes").Code);
    }

    [Fact]
    public void Keys_are_listed_and_filtered()
    {
        _db.Simple("Database.create({ name: \"a\" })");
        _db.Simple("Key.create({ role: \"admin\" })");
        _db.Simple("Key.create({ role: \"server\", database: \"a\" })");
        _db.Simple("Key.create({ role: \"server-readonly\", database: \"a\" })");
        Assert.Equal(3, _db.Simple("Key.all().count()").GetInt32());
        var roles = _db.Simple("Key.all().map(.role).toArray()").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["admin", "server", "server-readonly"], roles);
        Assert.Equal(2, _db.Simple("Key.where(.database == \"a\").count()").GetInt32());
        Assert.Equal("server", _db.Simple("Key.where(k => k.role == \"server\").first()!.role").GetString());
    }
}
