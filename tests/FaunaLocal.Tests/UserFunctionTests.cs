using System.Text.Json;

namespace FaunaLocal.Tests;

public sealed class UserFunctionTests : IDisposable
{
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void A_function_is_created_called_by_name_and_survives_as_schema()
    {
        _db.Simple("Function.create({ name: \"AddTwo\", body: \"x => x + 2\" })");
        Assert.Equal(5, _db.Simple("AddTwo(3)").GetInt32());
        Assert.Equal(7, _db.Simple("Function(\"AddTwo\")(5)").GetInt32());
        Assert.Equal("x => x + 2", _db.Simple("Function.byName(\"AddTwo\")!.body").GetString());
        Assert.Equal("x => x + 2", _db.Simple("AddTwo.definition.body").GetString());
        Assert.Equal(["AddTwo"], _db.Simple("Function.all().map(.name).toArray()").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("\"@doc\":{\"name\":\"AddTwo\",\"coll\":{\"@mod\":\"Function\"}", _db.Tagged("Function.byName(\"AddTwo\")"));
    }

    [Fact]
    public void Functions_read_and_write_with_the_callers_privileges_and_see_no_caller_variables()
    {
        _db.Simple("Collection.create({ name: \"Note\" })");
        _db.Simple("Function.create({ name: \"AddNote\", body: \"(text) => Note.create({ text: text }).id\" })");
        var id = _db.Simple("AddNote(\"hi\")").GetString();
        Assert.Equal("hi", _db.Simple($"Note.byId(\"{id}\")!.text").GetString());
        _db.Simple("Function.create({ name: \"Peek\", body: \"() => secret\" })");
        Assert.Equal("invalid_query", _db.Error("let secret = 1\nPeek()").Code);
    }

    [Fact]
    public void A_duplicate_name_is_a_constraint_failure()
    {
        _db.Simple("Function.create({ name: \"F\", body: \"() => 1\" })");
        var dup = _db.Error("Function.create({ name: \"F\", body: \"() => 2\" })");
        Assert.Equal("constraint_failure", dup.Code);
        Assert.Equal(["name"], dup.ConstraintFailures![0].Paths[0]);
        _db.Simple("Collection.create({ name: \"Thing\" })");
        Assert.Equal("constraint_failure", _db.Error("Function.create({ name: \"Thing\", body: \"() => 2\" })").Code);
        Assert.Equal("constraint_failure", _db.Error("Collection.create({ name: \"F\" })").Code);
    }

    [Theory]
    [InlineData("Function.create({ name: \"G\", body: \"1 + 1\" })", "constraint_failure")]
    [InlineData("Function.create({ name: \"G\", body: \"x =>\" })", "constraint_failure")]
    [InlineData("Function.create({ name: \"G\" })", "constraint_failure")]
    [InlineData("Function.create({ name: \"G\", body: \"x => x\", role: \"admin\" })", "invalid_argument")]
    [InlineData("Function.create({ name: \"G\", body: \"x => x\", colour: 1 })", "invalid_argument")]
    [InlineData("Function.create({ name: \"Time\", body: \"x => x\" })", "invalid_argument")]
    [InlineData("Function(\"Missing\")", "invalid_argument")]
    public void Bad_definitions_and_calls(string fql, string code) => Assert.Equal(code, _db.Error(fql).Code);

    [Fact]
    public void A_definition_is_updated_and_deleted()
    {
        _db.Simple("Function.create({ name: \"Twice\", body: \"x => x * 2\", data: { owner: \"ops\" } })");
        _db.Simple("Function.byName(\"Twice\")!.update({ body: \"x => x * 3\" })");
        Assert.Equal(9, _db.Simple("Twice(3)").GetInt32());
        Assert.Equal("ops", _db.Simple("Function.byName(\"Twice\")!.data.owner").GetString());
        _db.Simple("Function.byName(\"Twice\")!.replace({ body: \"x => x\" })");
        Assert.Equal(JsonValueKind.Null, _db.Simple("Function.byName(\"Twice\")!.data").ValueKind);
        _db.Simple("Function.byName(\"Twice\")!.delete()");
        Assert.False(_db.Simple("Function.byName(\"Twice\").exists()").GetBoolean());
        Assert.Equal("invalid_query", _db.Error("Twice(1)").Code);
    }
}
