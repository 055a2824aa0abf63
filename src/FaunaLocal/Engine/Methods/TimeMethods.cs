namespace FaunaLocal.Engine.Methods;

/// <summary>The `Time` module and Time values: microsecond UTC instants.</summary>
public static class TimeMethods
{
    private static DateTime AsDateTime(TimeValue t) => DateTime.UnixEpoch.AddTicks(t.Micros * 10);

    public static long UnitMicros(string unit) => unit switch
    {
        "days" or "day" => 86_400_000_000L,
        "hours" or "hour" => 3_600_000_000L,
        "minutes" or "minute" => 60_000_000L,
        "seconds" or "second" => 1_000_000L,
        "milliseconds" or "millisecond" => 1_000L,
        "microseconds" or "microsecond" => 1L,
        _ => throw QueryException.InvalidArgument($"Unknown time unit `{unit}`: use days, hours, minutes, seconds, milliseconds or microseconds."),
    };

    public static Value? Module(Interpreter interp, string name, IReadOnlyList<Value> args)
    {
        switch (name)
        {
            case "now":
                Args.Count(args, 0, 0, "Time.now");
                return new TimeValue(interp.Now);
            case "fromString":
            {
                Args.Count(args, 1, 1, "Time");
                var s = Args.String(args, 0, "Time");
                return new TimeValue(TimeParsing.ParseMicros(s) ?? throw QueryException.InvalidArgument($"Invalid time `{s}`: expected ISO-8601 such as 2024-01-31T12:00:00Z."));
            }
            case "epoch":
            {
                Args.Count(args, 2, 2, "Time.epoch");
                return new TimeValue(checked(Args.Integer(args, 0, "Time.epoch") * UnitMicros(Args.String(args, 1, "Time.epoch"))));
            }
            default:
                return null;
        }
    }

    public static Value? Field(TimeValue t, string name)
    {
        var d = AsDateTime(t);
        return name switch
        {
            "year" => new IntValue(d.Year),
            "month" => new IntValue(d.Month),
            "dayOfMonth" => new IntValue(d.Day),
            "dayOfWeek" => new IntValue(d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek),
            "dayOfYear" => new IntValue(d.DayOfYear),
            "hour" => new IntValue(d.Hour),
            "minute" => new IntValue(d.Minute),
            "second" => new IntValue(d.Second),
            _ => null,
        };
    }

    public static Value? Call(TimeValue t, string name, IReadOnlyList<Value> args)
    {
        switch (name)
        {
            case "add" or "subtract":
            {
                Args.Count(args, 2, 2, name);
                var delta = checked(Args.Integer(args, 0, name) * UnitMicros(Args.String(args, 1, name)));
                return new TimeValue(name == "add" ? t.Micros + delta : t.Micros - delta);
            }
            case "difference":
            {
                Args.Count(args, 2, 2, name);
                var other = args[0] as TimeValue ?? throw QueryException.InvalidArgument("`difference` expects a Time.");
                return Arithmetic.FromLong((t.Micros - other.Micros) / UnitMicros(Args.String(args, 1, name)));
            }
            case "toMicros":
                return new LongValue(t.Micros);
            case "toMillis":
                return new LongValue(t.Micros / 1000);
            case "toSeconds":
                return new LongValue(t.Micros / 1_000_000);
            case "toString":
                return new StringValue(Display.FormatTime(t.Micros));
            default:
                return null;
        }
    }
}

/// <summary>The `Date` module and Date values.</summary>
public static class DateMethods
{
    public static Value? Module(Interpreter interp, string name, IReadOnlyList<Value> args)
    {
        switch (name)
        {
            case "today":
                Args.Count(args, 0, 0, "Date.today");
                return new DateValue(DateOnly.FromDateTime(DateTime.UnixEpoch.AddTicks(interp.Now * 10)));
            case "fromString":
            {
                Args.Count(args, 1, 1, "Date");
                var s = Args.String(args, 0, "Date");
                return DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? new DateValue(d)
                    : throw QueryException.InvalidArgument($"Invalid date `{s}`: expected YYYY-MM-DD.");
            }
            default:
                return null;
        }
    }

    public static Value? Field(DateValue d, string name) => name switch
    {
        "year" => new IntValue(d.Value.Year),
        "month" => new IntValue(d.Value.Month),
        "dayOfMonth" => new IntValue(d.Value.Day),
        "dayOfWeek" => new IntValue(d.Value.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.Value.DayOfWeek),
        "dayOfYear" => new IntValue(d.Value.DayOfYear),
        _ => null,
    };

    public static Value? Call(DateValue d, string name, IReadOnlyList<Value> args)
    {
        switch (name)
        {
            case "add" or "subtract":
            {
                Args.Count(args, 2, 2, name);
                var n = Args.Int(args, 0, name);
                var unit = Args.String(args, 1, name);
                if (name == "subtract") n = -n;
                return unit switch
                {
                    "days" or "day" => new DateValue(d.Value.AddDays(n)),
                    "months" or "month" => new DateValue(d.Value.AddMonths(n)),
                    "years" or "year" => new DateValue(d.Value.AddYears(n)),
                    _ => throw QueryException.InvalidArgument($"Unknown date unit `{unit}`: use days, months or years."),
                };
            }
            case "difference":
            {
                Args.Count(args, 2, 2, name);
                var other = args[0] as DateValue ?? throw QueryException.InvalidArgument("`difference` expects a Date.");
                if (Args.String(args, 1, name) is not ("days" or "day")) throw QueryException.InvalidArgument("Date `difference` supports days.");
                return new IntValue(d.Value.DayNumber - other.Value.DayNumber);
            }
            case "toString":
                return new StringValue(Display.FormatDate(d.Value));
            default:
                return null;
        }
    }
}
