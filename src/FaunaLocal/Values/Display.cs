namespace FaunaLocal.Values;

/// <summary>Renders values as FQL-like text, for error messages and `toString()`.</summary>
public static class Display
{
    public static string Render(Value v)
    {
        var sb = new StringBuilder();
        Write(sb, v, quoteStrings: false);
        return sb.ToString();
    }

    public static string Quoted(Value v)
    {
        var sb = new StringBuilder();
        Write(sb, v, quoteStrings: true);
        return sb.ToString();
    }

    public static string FormatDouble(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity"
        : d == Math.Floor(d) && Math.Abs(d) < 1e15 ? d.ToString("0.0", CultureInfo.InvariantCulture)
        : d.ToString("R", CultureInfo.InvariantCulture);

    public static string FormatTime(long micros)
    {
        var t = DateTime.UnixEpoch.AddTicks(micros * 10);
        var frac = micros % 1_000_000;
        if (frac < 0) frac += 1_000_000;
        return frac == 0
            ? t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + frac.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0') + "Z";
    }

    public static string FormatDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Write(StringBuilder sb, Value v, bool quoteStrings)
    {
        switch (v)
        {
            case NullValue: sb.Append("null"); break;
            case BoolValue b: sb.Append(b.Value ? "true" : "false"); break;
            case IntValue i: sb.Append(i.Value.ToString(CultureInfo.InvariantCulture)); break;
            case LongValue l: sb.Append(l.Value.ToString(CultureInfo.InvariantCulture)); break;
            case DoubleValue d: sb.Append(FormatDouble(d.Value)); break;
            case StringValue s when quoteStrings: sb.Append('"').Append(s.Value.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"'); break;
            case StringValue s: sb.Append(s.Value); break;
            case DateValue d: sb.Append("Date(\"").Append(FormatDate(d.Value)).Append("\")"); break;
            case TimeValue t: sb.Append("Time(\"").Append(FormatTime(t.Micros)).Append("\")"); break;
            case BytesValue b: sb.Append("Bytes(\"").Append(Convert.ToBase64String(b.Value)).Append("\")"); break;
            case UuidValue u: sb.Append(u.Value.ToString()); break;
            case ArrayValue a:
                sb.Append('[');
                for (var k = 0; k < a.Items.Length; k++)
                {
                    if (k > 0) sb.Append(", ");
                    Write(sb, a.Items[k], true);
                }
                sb.Append(']');
                break;
            case ObjectValue o:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in o.Fields)
                {
                    sb.Append(first ? " " : ", ").Append(key).Append(": ");
                    Write(sb, value, true);
                    first = false;
                }
                sb.Append(first ? "}" : " }");
                break;
            case ModuleValue m: sb.Append(m.Name); break;
            case DocRefValue d: sb.Append(d.Collection).Append("(\"").Append(d.Id.ToString(CultureInfo.InvariantCulture)).Append("\")"); break;
            case NamedDocValue n: sb.Append(n.Module).Append(".byName(\"").Append(n.Name).Append("\")"); break;
            default: sb.Append('[').Append(v.TypeName).Append(']'); break;
        }
    }
}
