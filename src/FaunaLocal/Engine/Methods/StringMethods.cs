namespace FaunaLocal.Engine.Methods;

public static class StringMethods
{
    public static Value? Call(StringValue target, string name, IReadOnlyList<Value> args)
    {
        var s = target.Value;
        switch (name)
        {
            case "startsWith" or "endsWith" or "includes":
            {
                Args.Count(args, 1, 1, name);
                var part = Args.String(args, 0, name);
                return BoolValue.Of(name switch
                {
                    "startsWith" => s.StartsWith(part, StringComparison.Ordinal),
                    "endsWith" => s.EndsWith(part, StringComparison.Ordinal),
                    _ => s.Contains(part, StringComparison.Ordinal),
                });
            }
            case "toLowerCase" or "casefold" or "toUpperCase" or "trim" or "trimStart" or "trimEnd":
                Args.Count(args, 0, 0, name);
                return new StringValue(name switch
                {
                    "toUpperCase" => s.ToUpperInvariant(),
                    "trim" => s.Trim(),
                    "trimStart" => s.TrimStart(),
                    "trimEnd" => s.TrimEnd(),
                    _ => s.ToLowerInvariant(),
                });
            case "length":
                return new IntValue(s.Length);
            case "slice":
            {
                Args.Count(args, 1, 2, name);
                var (start, end) = ArrayMethods.SliceBounds(args, s.Length, name);
                return new StringValue(s[start..end]);
            }
            case "at":
            {
                Args.Count(args, 1, 1, name);
                var i = Args.Integer(args, 0, name);
                return i >= 0 && i < s.Length ? new StringValue(s[(int)i].ToString()) : throw QueryException.Bounds($"Index {i} is out of bounds for a string of length {s.Length}.");
            }
            case "indexOf":
            {
                Args.Count(args, 1, 2, name);
                var from = args.Count > 1 ? (int)Math.Clamp(Args.Integer(args, 1, name), 0, s.Length) : 0;
                var i = s.IndexOf(Args.String(args, 0, name), from, StringComparison.Ordinal);
                return i >= 0 ? new IntValue(i) : NullValue.Instance;
            }
            case "lastIndexOf":
            {
                Args.Count(args, 1, 1, name);
                var i = s.LastIndexOf(Args.String(args, 0, name), StringComparison.Ordinal);
                return i >= 0 ? new IntValue(i) : NullValue.Instance;
            }
            case "concat":
                Args.Count(args, 1, 1, name);
                return new StringValue(s + Args.String(args, 0, name));
            case "split":
                Args.Count(args, 1, 1, name);
                var sep = Args.String(args, 0, name);
                var parts = sep.Length == 0 ? s.Select(c => c.ToString()) : s.Split(sep);
                return new ArrayValue(parts.Select(p => (Value)new StringValue(p)));
            case "replace":
            {
                Args.Count(args, 2, 2, name);
                var find = Args.String(args, 0, name);
                var i = find.Length == 0 ? -1 : s.IndexOf(find, StringComparison.Ordinal);
                return new StringValue(i < 0 ? s : s[..i] + Args.String(args, 1, name) + s[(i + find.Length)..]);
            }
            case "replaceAll":
            {
                Args.Count(args, 2, 2, name);
                var find = Args.String(args, 0, name);
                return new StringValue(find.Length == 0 ? s : s.Replace(find, Args.String(args, 1, name), StringComparison.Ordinal));
            }
            case "parseInt":
                Args.Count(args, 0, 0, name);
                return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? Arithmetic.FromLong(l) : NullValue.Instance;
            case "parseDouble":
                Args.Count(args, 0, 0, name);
                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? new DoubleValue(d) : NullValue.Instance;
            case "toString":
                return target;
            default:
                return null;
        }
    }
}
