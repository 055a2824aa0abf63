namespace FaunaLocal.Engine;

/// <summary>
/// Number arithmetic with Fauna's widths: Int op Int stays Int while it fits, widens to Long, and anything
/// with a Double is a Double.
/// </summary>
public static class Arithmetic
{
    public static NumberValue Negate(NumberValue n) => n switch
    {
        IntValue i when i.Value != int.MinValue => new IntValue(-i.Value),
        IntValue i => new LongValue(-(long)i.Value),
        LongValue l => new LongValue(-l.Value),
        _ => new DoubleValue(-n.AsDouble),
    };

    public static Value Apply(string op, NumberValue a, NumberValue b, int pos)
    {
        if (a is DoubleValue || b is DoubleValue)
        {
            double x = a.AsDouble, y = b.AsDouble;
            return new DoubleValue(op switch
            {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                "/" => x / y,
                "%" => x % y,
                _ => throw new InvalidOperationException(op),
            });
        }
        long p = ToLong(a), q = ToLong(b);
        if ((op == "/" || op == "%") && q == 0) throw new QueryException("divide_by_zero", "Attempted integer division by zero.", pos);
        long r;
        try
        {
            r = op switch
            {
                "+" => checked(p + q),
                "-" => checked(p - q),
                "*" => checked(p * q),
                "/" => p / q,
                "%" => p % q,
                _ => throw new InvalidOperationException(op),
            };
        }
        catch (OverflowException)
        {
            throw QueryException.InvalidArgument($"Integer overflow in `{op}`", pos);
        }
        return a is IntValue && b is IntValue && r is >= int.MinValue and <= int.MaxValue ? new IntValue((int)r) : new LongValue(r);
    }

    public static long ToLong(NumberValue n) => n switch
    {
        IntValue i => i.Value,
        LongValue l => l.Value,
        _ => (long)n.AsDouble,
    };

    public static bool IsInteger(Value v) => v is IntValue or LongValue;

    public static NumberValue FromLong(long v) => v is >= int.MinValue and <= int.MaxValue ? new IntValue((int)v) : new LongValue(v);
}
