using System.Text.Json;

namespace FaunaLocal.Tests;

public class DocumentTests : IDisposable
{
    private readonly TestDb _db = new();

    public DocumentTests() => _db.Simple(TestDb.UserSchema);

    public void Dispose() => _db.Dispose();

    private string Create(string email, string name, int age) =>
        _db.Simple($"User.create({{ email: \"{email}\", name: \"{name}\", age: {age} }}).id").GetString()!;

    [Fact]
    public void Schema_is_safe_to_rerun_and_reads_back()
    {
        _db.Simple("""if (Collection.byName("User") == null) Collection.create({ name: "User" })""");
        var def = _db.Simple("Collection.byName(\"User\")");
        Assert.Equal("User", def.GetProperty("name").GetString());
        Assert.Equal(".email", def.GetProperty("indexes").GetProperty("byEmail").GetProperty("terms")[0].GetProperty("field").GetString());
        Assert.Equal("desc", def.GetProperty("indexes").GetProperty("byAge").GetProperty("values")[0].GetProperty("order").GetString());
        Assert.Equal(JsonValueKind.Null, _db.Simple("Collection.byName(\"Nope\")").ValueKind);
        Assert.Equal("constraint_failure", _db.Error("Collection.create({ name: \"User\" })").Code);
    }

    [Fact]
    public void Create_read_update_replace_delete()
    {
        var id = Create("a@x.com", "Ann", 30);
        var doc = _db.Simple($"User.byId(\"{id}\")");
        Assert.Equal(id, doc.GetProperty("id").GetString());
        Assert.Equal("User", doc.GetProperty("coll").GetString());
        Assert.Equal("Ann", doc.GetProperty("name").GetString());
        var ts = doc.GetProperty("ts").GetString();

        var updated = _db.Simple($"User.byId(\"{id}\")!.update({{ name: \"Anna\", address: {{ city: \"Oslo\" }} }})");
        Assert.Equal("Anna", updated.GetProperty("name").GetString());
        Assert.Equal(30, updated.GetProperty("age").GetInt32());
        Assert.NotEqual(ts, updated.GetProperty("ts").GetString());

        var merged = _db.Simple($"User.byId(\"{id}\")!.update({{ address: {{ zip: \"0150\" }}, age: null }})");
        Assert.Equal("Oslo", merged.GetProperty("address").GetProperty("city").GetString());
        Assert.False(merged.TryGetProperty("age", out _));

        var replaced = _db.Simple($"User.byId(\"{id}\")!.replace({{ email: \"a@x.com\", name: \"R\" }})");
        Assert.False(replaced.TryGetProperty("address", out _));

        Assert.True(_db.Simple($"User.byId(\"{id}\").exists()").GetBoolean());
        _db.Simple($"User.byId(\"{id}\")!.delete()");
        Assert.False(_db.Simple($"User.byId(\"{id}\").exists()").GetBoolean());
        Assert.True(_db.Simple($"User.byId(\"{id}\") == null").GetBoolean());
        Assert.Equal(JsonValueKind.Null, _db.Simple($"User.byId(\"{id}\")").ValueKind);
    }

    [Fact]
    public void Missing_documents_render_as_references_and_fail_when_asserted()
    {
        Assert.Equal("""{"@ref":{"id":"404","coll":{"@mod":"User"},"exists":false,"cause":"not found"}}""", _db.Tagged("User.byId(\"404\")"));
        Assert.Equal("document_not_found", _db.Error("User.byId(\"404\")!").Code);
        Assert.Equal("document_not_found", _db.Error("User.byId(\"404\").name").Code);
        Assert.Equal("document_not_found", _db.Error("User.byId(\"404\").update({ a: 1 })").Code);
        Assert.Equal(JsonValueKind.Null, _db.Simple("User.byId(\"404\")?.name").ValueKind);
        Assert.Equal("fallback", _db.Simple("User.byId(\"404\") ?? \"fallback\"").GetString());
        Assert.Equal("invalid_argument", _db.Error("User.byId(\"abc\")").Code);
    }

    [Fact]
    public void Tagged_documents_carry_id_coll_and_ts()
    {
        var id = Create("t@x.com", "T", 1);
        using var doc = JsonDocument.Parse(_db.Tagged($"User.byId(\"{id}\")"));
        var d = doc.RootElement.GetProperty("@doc");
        Assert.Equal(id, d.GetProperty("id").GetString());
        Assert.Equal("User", d.GetProperty("coll").GetProperty("@mod").GetString());
        Assert.True(d.GetProperty("ts").TryGetProperty("@time", out _));
        Assert.Equal("1", d.GetProperty("age").GetProperty("@int").GetString());
    }

    [Fact]
    public void Unique_constraint_fails_with_paths_and_leaves_nothing_written()
    {
        Create("dup@x.com", "First", 1);
        var e = _db.Error("User.create({ email: \"other@x.com\", name: \"ok\" })\nUser.create({ email: \"dup@x.com\", name: \"Second\" })");
        Assert.Equal("constraint_failure", e.Code);
        Assert.Equal(["email"], Assert.Single(Assert.Single(e.ConstraintFailures!).Paths));
        Assert.Equal(0, _db.Simple("User.byEmail(\"other@x.com\").count()").GetInt32());

        var id = Create("mine@x.com", "Me", 2);
        _db.Simple($"User.byId(\"{id}\")!.update({{ email: \"mine@x.com\", name: \"Still me\" }})");
        Assert.Equal("constraint_failure", _db.Error($"User.byId(\"{id}\")!.update({{ email: \"dup@x.com\" }})").Code);
    }

    [Fact]
    public void Index_lookup_by_terms_and_ordered_values()
    {
        Create("a@x.com", "A", 20);
        Create("b@x.com", "B", 40);
        Create("c@x.com", "C", 30);
        Assert.Equal("B", _db.Simple("User.byEmail(\"b@x.com\").first()!.name").GetString());
        Assert.Equal(JsonValueKind.Null, _db.Simple("User.byEmail(\"zzz\").first()").ValueKind);
        var names = _db.Simple("User.byAge().map(.name).toArray()").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["B", "C", "A"], names);
        Assert.Equal("invalid_argument", _db.Error("User.byEmail()").Code);
    }

    [Fact]
    public void Indexes_follow_updates_and_deletes()
    {
        var id = Create("old@x.com", "O", 1);
        _db.Simple($"User.byId(\"{id}\")!.update({{ email: \"new@x.com\" }})");
        Assert.Equal(0, _db.Simple("User.byEmail(\"old@x.com\").count()").GetInt32());
        Assert.Equal(1, _db.Simple("User.byEmail(\"new@x.com\").count()").GetInt32());
        _db.Simple($"User.byId(\"{id}\")!.delete()");
        Assert.Equal(0, _db.Simple("User.byEmail(\"new@x.com\").count()").GetInt32());
    }

    [Fact]
    public void Where_map_order_take_count_and_projection()
    {
        Create("ann@x.com", "Ann", 31);
        Create("bob@x.com", "Bob", 25);
        Create("anna@y.com", "Anna", 40);
        Assert.Equal(2, _db.Simple("User.all().where(.email.startsWith(\"ann\")).count()").GetInt32());
        Assert.Equal(["Anna", "Ann", "Bob"], _db.Simple("User.all().order(desc(.age)).map(.name).toArray()").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Ann", "Anna"], _db.Simple("User.all().order(.name).take(2).toArray().map(u => u.name)").EnumerateArray().Select(e => e.GetString()));
        var projected = _db.Simple("User.byEmail(\"bob@x.com\").first() { name, years: .age + 1 }");
        Assert.Equal("""{"name":"Bob","years":26}""", projected.GetRawText());
        var page = _db.Simple("User.all().order(.name) { name }");
        Assert.Equal("""{"data":[{"name":"Ann"},{"name":"Anna"},{"name":"Bob"}]}""", page.GetRawText());
        Assert.Equal("Bob", _db.Simple("User.where(.age < 30).first()!.name").GetString());
        Assert.Equal("Anna", _db.Simple("User.firstWhere(.age > 35)!.name").GetString());
    }

    [Fact]
    public void Stored_references_stay_references_inside_documents()
    {
        var id = Create("r@x.com", "R", 1);
        _db.Simple("Collection.create({ name: \"Note\" })");
        var json = _db.Tagged($"Note.create({{ owner: User.byId(\"{id}\"), text: \"hi\" }})");
        Assert.Contains($"\"owner\":{{\"@ref\":{{\"id\":\"{id}\",\"coll\":{{\"@mod\":\"User\"}}}}}}", json);
        Assert.Equal("R", _db.Simple("Note.all().first()!.owner.name").GetString());
        Assert.Equal("invalid_argument", _db.Error("Note.create({ f: x => x })").Code);
        Assert.Equal("invalid_argument", _db.Error("Note.create({ ts: 1 })").Code);
    }

    [Fact]
    public void Create_with_explicit_id()
    {
        Assert.Equal("12345", _db.Simple("User.create({ id: \"12345\", email: \"i@x.com\" }).id").GetString());
        Assert.Equal("invalid_argument", _db.Error("User.create({ id: \"12345\", email: \"j@x.com\" })").Code);
    }

    [Fact]
    public void Collection_definition_update_adds_an_index_over_existing_documents()
    {
        Create("x@x.com", "X", 5);
        _db.Simple("Collection.byName(\"User\")!.update({ indexes: { byName: { terms: [{ field: \".name\" }] } } })");
        Assert.Equal("x@x.com", _db.Simple("User.byName(\"X\").first()!.email").GetString());
        _db.Simple("Collection.create({ name: \"Temp\" })");
        _db.Simple("Collection.byName(\"Temp\")!.delete()");
        Assert.Equal(JsonValueKind.Null, _db.Simple("Collection.byName(\"Temp\")").ValueKind);
    }
}
