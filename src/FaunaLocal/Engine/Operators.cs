namespace FaunaLocal.Engine;

/// <summary>
/// Operator typing as Fauna's runtime does it (the left operand's type decides): `+ - * / %` take Numbers, and
/// a Number with anything else is invalid_argument (`2 + "2"` is an error, not "22"); `+` on a String
/// concatenates whatever follows; an operator the left operand's type lacks is invalid_function_invocation;
/// `&&`, `||` need Booleans (type_mismatch); `< <= > >=` across unrelated types are false, not errors.
/// </summary>
public static class Operators
{
    public static Value Arithmetic(string op, Value left, Value right, int pos)
    {
        switch (left)
        {
            case StringValue s when op == "+":
                return new StringValue(s.Value + Display.Render(right));
            case NumberValue l when right is NumberValue r:
                return Engine.Arithmetic.Apply(op, l, r, pos);
            case NumberValue:
                throw QueryException.InvalidArgument($"expected value for `other` of type Number, received {right.TypeName}", pos);
            default:
                throw NoSuchOperator(op, left, pos);
        }
    }

    public static QueryException NoSuchOperator(string op, Value operand, int pos) =>
        new("invalid_function_invocation", $"The function `{op}` does not exist on `{operand.TypeName}`", pos);

    public static bool Boolean(Value v, int pos) => v is BoolValue b
        ? b.Value
        : throw new QueryException("type_mismatch", $"expected type: Boolean, received {v.TypeName}", pos);

    public static BoolValue Compare(string op, Value left, Value right)
    {
        if (!Related(left, right)) return BoolValue.False;
        var c = ValueComparer.Instance.Compare(left, right);
        return BoolValue.Of(op switch { "<" => c < 0, "<=" => c <= 0, ">" => c > 0, _ => c >= 0 });
    }

    /// <summary>Values that have an order between them: numbers of any width, or two values of one comparable type.</summary>
    private static bool Related(Value a, Value b) =>
        (a is NumberValue && b is NumberValue)
        || (a.GetType() == b.GetType() && a is NullValue or StringValue or BoolValue or DateValue or TimeValue or BytesValue or UuidValue or ArrayValue or ObjectValue or DocRefValue);
}
