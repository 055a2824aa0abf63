using System.Text.Json;

namespace FaunaLocal.Tests;

/// <summary>`ttl` is readable, writable and enforced: from that time on the document reads as missing.</summary>
public sealed class DocumentTtlTests : IDisposable
{
    private readonly TestDb _db = new();

    public DocumentTtlTests() =>
        _db.Simple("Collection.create({ name: \"Session\", indexes: { byUser: { terms: [{ field: \".user\" }] } }, constraints: [{ unique: [\"token\"] }] })");

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Ttl_is_written_read_and_rendered()
    {
        var id = _db.Simple("Session.create({ user: \"u\", ttl: Time(\"2999-01-01T00:00:00Z\") }).id").GetString();
        Assert.Equal("2999-01-01T00:00:00Z", _db.Simple($"Session.byId(\"{id}\")!.ttl").GetString());
        Assert.Contains("\"ttl\":{\"@time\":\"2999-01-01T00:00:00Z\"}", _db.Tagged($"Session.byId(\"{id}\")"));

        _db.Simple($"Session.byId(\"{id}\")!.update({{ user: \"v\" }})");
        Assert.Equal("2999-01-01T00:00:00Z", _db.Simple($"Session.byId(\"{id}\")!.ttl").GetString()); // update keeps it
        _db.Simple($"Session.byId(\"{id}\")!.update({{ ttl: null }})");
        Assert.Equal(JsonValueKind.Null, _db.Simple($"Session.byId(\"{id}\")!.ttl").ValueKind);
        Assert.Equal("invalid_argument", _db.Error($"Session.byId(\"{id}\")!.update({{ ttl: \"tomorrow\" }})").Code);
    }

    [Fact]
    public void An_expired_document_reads_as_missing_everywhere()
    {
        var id = _db.Simple("Session.create({ user: \"u\", token: \"t1\", ttl: Time.now().add(150, \"milliseconds\") }).id").GetString();
        Assert.True(_db.Simple($"Session.byId(\"{id}\").exists()").GetBoolean());
        Assert.Equal(1, _db.Simple("Session.byUser(\"u\").count()").GetInt32());
        Thread.Sleep(300);
        Assert.False(_db.Simple($"Session.byId(\"{id}\").exists()").GetBoolean());
        Assert.Equal("document_not_found", _db.Error($"Session.byId(\"{id}\")!").Code);
        Assert.Equal(0, _db.Simple("Session.all().count()").GetInt32());
        Assert.Equal(0, _db.Simple("Session.byUser(\"u\").count()").GetInt32());
        // Its unique value is free again.
        Assert.Equal("t1", _db.Simple("Session.create({ user: \"w\", token: \"t1\" }).token").GetString());
    }

    [Fact]
    public void Replace_keeps_only_a_given_ttl()
    {
        var id = _db.Simple("Session.create({ user: \"u\", ttl: Time(\"2999-01-01T00:00:00Z\") }).id").GetString();
        _db.Simple($"Session.byId(\"{id}\")!.replace({{ user: \"x\" }})");
        Assert.Equal(JsonValueKind.Null, _db.Simple($"Session.byId(\"{id}\")!.ttl").ValueKind);
    }
}
