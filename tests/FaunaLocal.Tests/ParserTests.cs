using FaunaLocal.Engine;
using FaunaLocal.Language;
using FaunaLocal.Values;

namespace FaunaLocal.Tests;

public class ParserTests
{
    private static Expr Parse(string source) => Parser.ParseQuery(Tokenizer.Tokenize(source));

    private static Expr Single(string source) => Assert.Single(((Block)Parse(source)).Statements);

    private static QueryException Fails(string source) =>
        Assert.Throws<QueryException>(() => Parse(source));

    [Fact]
    public void Precedence_multiplication_binds_tighter_than_addition_and_comparison()
    {
        var e = Assert.IsType<Binary>(Single("1 + 2 * 3 < 10 && true"));
        Assert.Equal("&&", e.Op);
        var lt = Assert.IsType<Binary>(e.Left);
        Assert.Equal("<", lt.Op);
        var plus = Assert.IsType<Binary>(lt.Left);
        Assert.Equal("+", plus.Op);
        Assert.Equal("*", Assert.IsType<Binary>(plus.Right).Op);
    }

    [Fact]
    public void Nullish_coalescing_is_lowest_and_or_binds_looser_than_and()
    {
        var e = Assert.IsType<Binary>(Single("a ?? b || c && d"));
        Assert.Equal("??", e.Op);
        var or = Assert.IsType<Binary>(e.Right);
        Assert.Equal("||", or.Op);
        Assert.Equal("&&", Assert.IsType<Binary>(or.Right).Op);
    }

    [Fact]
    public void Literals_keep_their_number_width()
    {
        Assert.IsType<IntValue>(Assert.IsType<Literal>(Single("42")).Value);
        Assert.IsType<LongValue>(Assert.IsType<Literal>(Single("4200000000")).Value);
        Assert.IsType<DoubleValue>(Assert.IsType<Literal>(Single("4.2e1")).Value);
        Assert.Equal(-7, Assert.IsType<IntValue>(Assert.IsType<Literal>(Single("-7")).Value).Value);
        Assert.Equal(255, Assert.IsType<IntValue>(Assert.IsType<Literal>(Single("0xFF")).Value).Value);
        Assert.Equal("a\"b\n", Assert.IsType<StringValue>(Assert.IsType<Literal>(Single("'a\"b\\n'")).Value).Value);
    }

    [Fact]
    public void Statements_end_at_newlines_or_semicolons_and_method_chains_continue_across_lines()
    {
        var block = Assert.IsType<Block>(Parse("let a = 1\nlet b = 2; a +\n b\nUser.all()\n  .where(.x)\n  .first()"));
        Assert.Equal(4, block.Statements.Count);
        Assert.IsType<Let>(block.Statements[0]);
        Assert.IsType<Binary>(block.Statements[2]);
        var chain = Assert.IsType<Call>(block.Statements[3]);
        Assert.Equal("first", Assert.IsType<MemberAccess>(chain.Callee).Name);
    }

    [Fact]
    public void Two_expressions_on_one_line_are_an_error_with_position()
    {
        var e = Fails("1 2");
        Assert.Equal("invalid_query", e.Code);
        Assert.Equal(2, e.Pos);
        Assert.Contains("end of statement", e.Message);
    }

    [Fact]
    public void Lambdas_in_both_forms_and_shorthand_member_arguments()
    {
        var arrow = Assert.IsType<Lambda>(Single("(a, b) => a + b"));
        Assert.Equal(["a", "b"], arrow.Params);
        Assert.Equal(["x"], Assert.IsType<Lambda>(Single("x => x")).Params);
        Assert.Empty(Assert.IsType<Lambda>(Single("() => 1")).Params);

        var where = Assert.IsType<Call>(Single("s.where(.email.startsWith(p))"));
        var fn = Assert.IsType<Lambda>(Assert.Single(where.Args));
        Assert.Equal([ImplicitArg.ParamName], fn.Params);
        var starts = Assert.IsType<Call>(fn.Body);
        Assert.IsType<ImplicitArg>(Assert.IsType<MemberAccess>(Assert.IsType<MemberAccess>(starts.Callee).Target).Target);
    }

    [Fact]
    public void Shorthand_outside_an_argument_is_rejected()
    {
        Assert.Contains("function argument", Fails(".name").Message);
        Assert.Contains("lambda body", Fails("f(x => .name)").Message);
    }

    [Fact]
    public void Braces_are_objects_when_a_key_follows_and_blocks_otherwise()
    {
        Assert.IsType<ObjectLiteral>(Single("{}"));
        Assert.IsType<ObjectLiteral>(Single("{ a: 1, \"b c\": 2 }"));
        var block = Assert.IsType<Block>(Single("{ let a = 1; a }"));
        Assert.Equal(2, block.Statements.Count);
        Assert.Contains("Duplicate field", Fails("{ a: 1, a: 2 }").Message);
    }

    [Fact]
    public void Projection_with_plain_renamed_and_nested_fields()
    {
        var p = Assert.IsType<Projection>(Single("u { id, name: .first + \" \" + .last, address { city } }"));
        Assert.Equal(["id", "name", "address"], p.Fields.Select(f => f.Key));
        Assert.IsType<Projection>(p.Fields[2].Value.Body);
    }

    [Fact]
    public void Postfix_operators_non_null_optional_chaining_and_indexing()
    {
        Assert.IsType<NonNull>(Single("User.byId(\"1\")!"));
        var opt = Assert.IsType<MemberAccess>(Single("a?.b"));
        Assert.True(opt.Optional);
        Assert.IsType<IndexAccess>(Single("a[0]"));
        Assert.True(Assert.IsType<Call>(Single("f?.(1)")).Optional);
    }

    [Fact]
    public void If_else_let_with_type_annotation_and_interpolation()
    {
        var i = Assert.IsType<If>(Single("if (a) 1 else if (b) 2 else 3"));
        Assert.IsType<If>(i.Else);
        Assert.IsType<Let>(((Block)Parse("let n: Number = 1\nn")).Statements[0]);
        var interp = Assert.IsType<Call>(Single("\"Hello #{name}!\""));
        Assert.Equal(3, interp.Args.Count);
    }

    [Theory]
    [InlineData("1 +", "Unexpected end of query", 3)]
    [InlineData("User.create({ a: 1 ", "Unexpected end of query", 19)]
    [InlineData("let = 3", "a variable name", 4)]
    [InlineData("\"open", "Unterminated string", 0)]
    [InlineData("1 # 2", "Unexpected character", 2)]
    [InlineData("let x = 1", "cannot end with `let`", 0)]
    [InlineData("f(1,,2)", "Expected an expression", 4)]
    public void Syntax_errors_name_what_is_wrong_and_where(string source, string message, int pos)
    {
        var e = Fails(source);
        Assert.Equal("invalid_query", e.Code);
        Assert.Contains(message, e.Message);
        Assert.Equal(pos, e.Pos);
    }

    [Fact]
    public void Summary_points_at_the_line_and_column()
    {
        var e = Assert.Throws<QueryTextException>(() => QueryText.ParseSource("let a = 1\nlet b = )\nb"));
        var summary = e.Text.Summary(e.Error.Code, e.Error.Message, e.Error.Pos);
        Assert.Contains("at *query*:2:9", summary);
        Assert.Contains("2 | let b = )", summary);
        Assert.Contains("|         ^", summary);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var source = new string('(', 20000) + "1" + new string(')', 20000);
        Assert.Equal("invalid_query", Fails(source).Code);
    }
}
