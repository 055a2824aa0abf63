using FaunaLocal.Values;

namespace FaunaLocal.Tests;

public class InterpreterTests : IDisposable
{
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    private string T(string fql) => _db.Tagged(fql);

    [Theory]
    [InlineData("1 + 2 * 3", """{"@int":"7"}""")]
    [InlineData("7 / 2", """{"@int":"3"}""")]
    [InlineData("7 % 4", """{"@int":"3"}""")]
    [InlineData("7.0 / 2", """{"@double":"3.5"}""")]
    [InlineData("2147483647 + 1", """{"@long":"2147483648"}""")]
    [InlineData("-(3 - 5)", """{"@int":"2"}""")]
    [InlineData("\"a\" + \"b\" + 1", "\"ab1\"")]
    [InlineData("1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 4 == false", "true")]
    [InlineData("1 == 1.0", "true")]
    [InlineData("[1, { a: 2 }] == [1, { a: 2 }]", "true")]
    [InlineData("\"a\" != \"b\"", "true")]
    [InlineData("!true || false", "false")]
    [InlineData("null ?? 5", """{"@int":"5"}""")]
    [InlineData("0 ?? 5", """{"@int":"0"}""")]
    public void Operators(string fql, string expected) => Assert.Equal(expected, T(fql));

    [Fact]
    public void Logic_short_circuits() =>
        Assert.Equal("false", T("false && abort(1)"));

    [Fact]
    public void Let_blocks_and_scopes()
    {
        Assert.Equal("""{"@int":"3"}""", T("let a = 1\nlet b = { let a = 2; a }\na + b"));
        Assert.Equal("\"inner\"", T("let x = \"outer\"\n{ let x = \"inner\"; x }"));
        Assert.Equal("\"Unbound variable `y`\"", "\"" + _db.Error("let x = 1\ny").Message + "\"");
    }

    [Fact]
    public void If_else_as_expression()
    {
        Assert.Equal("\"big\"", T("let n = 10\nif (n > 5) \"big\" else \"small\""));
        Assert.Equal("null", T("if (false) 1"));
        Assert.Equal("invalid_argument", _db.Error("if (1) 2").Code);
    }

    [Fact]
    public void Lambdas_closures_and_higher_order_calls()
    {
        Assert.Equal("""{"@int":"11"}""", T("let add = (a, b) => a + b\nlet inc = x => add(x, 1)\ninc(10)"));
        Assert.Equal("""[{"@int":"2"},{"@int":"4"}]""", T("[1, 2].map(x => x * 2)"));
        Assert.Equal("invalid_argument", _db.Error("let f = (a, b) => a\nf(1)").Code);
    }

    [Fact]
    public void Runaway_recursion_is_an_error_not_a_crash()
    {
        var e = _db.Error("let f = x => x\nlet g = { let loop = n => loop(n + 1); loop }\ng(0)");
        Assert.Equal("invalid_query", e.Code);
    }

    [Fact]
    public void Objects_member_access_optional_chaining_and_indexing()
    {
        Assert.Equal("\"c\"", T("let o = { a: { b: \"c\" } }\no.a.b"));
        Assert.Equal("null", T("let o = { a: null }\no.a?.b"));
        Assert.Equal("null", T("{ a: 1 }.missing"));
        Assert.Equal("null_value", _db.Error("let o = { a: null }\no.a.b").Code);
        Assert.Equal("\"b\"", T("[\"a\", \"b\"][1]"));
        Assert.Equal("invalid_bounds", _db.Error("[1][3]").Code);
        Assert.Equal("""{"@int":"1"}""", T("{ x: 1 }[\"x\"]"));
        Assert.Equal("""{"@object":{"@weird":"key","b":{"@int":"1"}}}""", T("{ \"@weird\": \"key\", b: 1 }"));
    }

    [Fact]
    public void Non_null_assertion()
    {
        Assert.Equal("""{"@int":"1"}""", T("let a = 1\na!"));
        Assert.Equal("null_value", _db.Error("let a = null\na!").Code);
    }

    [Fact]
    public void String_methods()
    {
        Assert.Equal("true", T("\"hello\".startsWith(\"he\") && \"hello\".endsWith(\"lo\") && \"hello\".includes(\"ell\")"));
        Assert.Equal("\"HELLO hello\"", T("\"Hello\".toUpperCase() + \" \" + \"HeLLo\".toLowerCase()"));
        Assert.Equal("""{"@int":"5"}""", T("\"hello\".length"));
        Assert.Equal("\"ell\"", T("\"hello\".slice(1, 4)"));
        Assert.Equal("[\"a\",\"b\"]", T("\"a,b\".split(\",\")"));
        Assert.Equal("\"x-y-z\"", T("\"x y z\".replaceAll(\" \", \"-\")"));
        Assert.Equal("\"trim\"", T("\"  trim \".trim()"));
        Assert.Equal("\"Hi Ann, 2 new\"", T("let name = \"Ann\"\n\"Hi #{name}, #{1 + 1} new\""));
        Assert.Equal("""{"@int":"2"}""", T("\"hello\".indexOf(\"l\")"));
    }

    [Fact]
    public void Array_methods()
    {
        Assert.Equal("""[{"@int":"2"},{"@int":"3"}]""", T("[1, 2, 3].where(x => x > 1)"));
        Assert.Equal("""{"@int":"6"}""", T("[1, 2, 3].fold(0, (acc, x) => acc + x)"));
        Assert.Equal("""[{"@int":"3"},{"@int":"2"},{"@int":"1"}]""", T("[2, 3, 1].order(desc(x => x))"));
        Assert.Equal("""["b","a"]""", T("[{ n: \"a\", k: 2 }, { n: \"b\", k: 1 }].order(.k).map(.n)"));
        Assert.Equal("""[{"@int":"1"},{"@int":"2"}]""", T("[1, 2, 3].take(2)"));
        Assert.Equal("""{"@int":"3"}""", T("[1, 2, 3].last()"));
        Assert.Equal("true", T("[1, 2].includes(2) && [1, 2].any(x => x > 1) && [1, 2].every(x => x > 0)"));
        Assert.Equal("""{"@int":"3"}""", T("[1, 2, 3].length"));
        Assert.Equal("""[{"@int":"1"},{"@int":"2"},{"@int":"3"}]""", T("[[1], [2, 3]].flatMap(x => x)"));
        Assert.Equal("""[{"@int":"1"},{"@int":"2"}]""", T("[1, 1, 2].distinct()"));
        Assert.Equal("null", T("[1, 2].forEach(x => x)"));
    }

    [Fact]
    public void Modules_time_date_math_object()
    {
        Assert.Equal("""{"@time":"2024-01-02T03:04:05.123456Z"}""", T("Time(\"2024-01-02T03:04:05.123456Z\")"));
        Assert.Equal("""{"@time":"2024-01-03T03:04:05Z"}""", T("Time(\"2024-01-02T03:04:05Z\").add(1, \"days\")"));
        Assert.Equal("""{"@date":"2024-02-29"}""", T("Date(\"2024-02-28\").add(1, \"days\")"));
        Assert.Equal("true", T("Time.now() > Time(\"2020-01-01T00:00:00Z\")"));
        Assert.Equal("""{"@int":"3"}""", T("Math.max(1, 3, 2)"));
        Assert.Equal("""["a","b"]""", T("Object.keys({ a: 1, b: 2 })"));
        Assert.Equal("invalid_argument", _db.Error("Time(\"not a time\")").Code);
    }

    [Fact]
    public void New_ids_are_distinct_numeric_strings()
    {
        var ids = _db.Simple("[newId(), newId(), newId()]").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(long.TryParse(id, out _)));
    }

    [Fact]
    public void Abort_carries_its_value()
    {
        var e = _db.Error("abort({ code: \"stale\", n: 1 })");
        Assert.Equal("abort", e.Code);
        var obj = Assert.IsType<ObjectValue>(e.AbortValue);
        Assert.Equal("stale", Assert.IsType<StringValue>(obj.Get("code")).Value);
    }

    [Fact]
    public void Unknown_methods_and_wrong_types_are_query_errors()
    {
        Assert.Equal("invalid_query", _db.Error("\"a\".frobnicate()").Code);
        Assert.Equal("invalid_argument", _db.Error("1 + true").Code);
        Assert.Equal("invalid_argument", _db.Error("\"a\".startsWith(1)").Code);
        Assert.Equal("invalid_query", _db.Error("Nope.all()").Code);
    }

    [Fact]
    public void Debug_output_goes_to_the_summary()
    {
        var r = _db.Run("dbg(1 + 1)");
        Assert.Equal("2", Assert.Single(r.Logs));
    }
}
