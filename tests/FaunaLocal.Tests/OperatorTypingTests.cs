namespace FaunaLocal.Tests;

/// <summary>Operators typed as Fauna types them: the left operand decides, mixed arithmetic is an error.</summary>
public sealed class OperatorTypingTests : IDisposable
{
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData("2 + \"2\"", "invalid_argument", "expected value for `other` of type Number, received String")]
    [InlineData("2 - \"1\"", "invalid_argument", "expected value for `other` of type Number, received String")]
    [InlineData("3 * [1]", "invalid_argument", "expected value for `other` of type Number, received Array")]
    [InlineData("4 / null", "invalid_argument", "expected value for `other` of type Number, received Null")]
    [InlineData("5 % true", "invalid_argument", "expected value for `other` of type Number, received Boolean")]
    [InlineData("true + 1", "invalid_function_invocation", "The function `+` does not exist on `Boolean`")]
    [InlineData("null + 1", "invalid_function_invocation", "The function `+` does not exist on `Null`")]
    [InlineData("[1] + [2]", "invalid_function_invocation", "The function `+` does not exist on `Array`")]
    [InlineData("\"a\" - \"b\"", "invalid_function_invocation", "The function `-` does not exist on `String`")]
    [InlineData("-\"a\"", "invalid_function_invocation", "The function `-` does not exist on `String`")]
    [InlineData("!1", "invalid_function_invocation", "The function `!` does not exist on `Int`")]
    [InlineData("1 && true", "type_mismatch", "expected type: Boolean, received Int")]
    [InlineData("true && null", "type_mismatch", "expected type: Boolean, received Null")]
    [InlineData("false || \"x\"", "type_mismatch", "expected type: Boolean, received String")]
    public void Mixed_and_unsupported_operands_are_errors(string fql, string code, string message)
    {
        var e = _db.Error(fql);
        Assert.Equal(code, e.Code);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("\"a\" + 1", "\"a1\"")]
    [InlineData("\"n: \" + null", "\"n: null\"")]
    [InlineData("\"t\" + true", "\"ttrue\"")]
    [InlineData("1 + 2.5", """{"@double":"3.5"}""")]
    [InlineData("1 < \"2\"", "false")]
    [InlineData("\"2\" > 1", "false")]
    [InlineData("null < 1", "false")]
    [InlineData("null <= null", "true")]
    [InlineData("1 <= 1.0", "true")]
    [InlineData("\"a\" < \"b\"", "true")]
    [InlineData("Date(\"2024-01-01\") < Time(\"2024-01-02T00:00:00Z\")", "false")]
    [InlineData("1 == \"1\"", "false")]
    [InlineData("true || abort(1)", "true")]
    public void Documented_results(string fql, string expected) => Assert.Equal(expected, _db.Tagged(fql));
}
