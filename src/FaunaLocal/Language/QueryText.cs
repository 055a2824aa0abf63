namespace FaunaLocal.Language;

/// <summary>
/// Reads a wire query template (`{"fql": [...]}` with `value`, nested `fql`, `array` and `object` fragments)
/// into tokens, and keeps the display text (values shown inline) that error positions refer to.
/// </summary>
public sealed class QueryText
{
    private readonly StringBuilder _display = new();
    private readonly TaggedReader _values;

    private QueryText(TaggedReader values) => _values = values;

    public string Display => _display.ToString();

    /// <summary>Parses the request's `query`. Malformed templates are invalid_request (FormatException); bad FQL is invalid_query.</summary>
    public static (Expr Query, QueryText Text) Parse(JsonElement query, TaggedReader values)
    {
        var text = new QueryText(values);
        try
        {
            var tokenizer = new Tokenizer();
            text.AddFragment(tokenizer, query, topLevel: true);
            return (Parser.ParseQuery(tokenizer.Finish(text._display.Length)), text);
        }
        catch (QueryException e)
        {
            throw new QueryTextException(e, text);
        }
    }

    /// <summary>Parses plain FQL source (a query sent as a string rather than a template).</summary>
    public static (Expr Query, QueryText Text) ParseSource(string source)
    {
        var text = new QueryText(TaggedReader.Stored);
        text._display.Append(source);
        try
        {
            return (Parser.ParseQuery(Tokenizer.Tokenize(source)), text);
        }
        catch (QueryException e)
        {
            throw new QueryTextException(e, text);
        }
    }

    private void AddFragment(Tokenizer tokenizer, JsonElement fragment, bool topLevel)
    {
        if (fragment.ValueKind == JsonValueKind.String)
        {
            var s = fragment.GetString()!;
            var pos = _display.Length;
            _display.Append(s);
            tokenizer.AddText(s, pos);
            return;
        }
        if (fragment.ValueKind != JsonValueKind.Object)
            throw new FormatException("A query fragment must be a string or an object");
        if (fragment.TryGetProperty("fql", out var fql))
        {
            if (fql.ValueKind != JsonValueKind.Array) throw new FormatException("`fql` must be an array of fragments");
            if (topLevel)
            {
                foreach (var part in fql.EnumerateArray()) AddFragment(tokenizer, part, false);
                return;
            }
            // A nested query is its own block: its `let`s stay inside it, its value is its last statement.
            var pos = _display.Length;
            var inner = new Tokenizer();
            foreach (var part in fql.EnumerateArray()) AddFragment(inner, part, false);
            tokenizer.AddEmbedded(Parser.ParseQuery(inner.Finish(_display.Length)), pos);
            return;
        }
        var start = _display.Length;
        tokenizer.AddEmbedded(Embedded(fragment), start);
    }

    private Expr Embedded(JsonElement fragment)
    {
        var pos = _display.Length;
        if (fragment.TryGetProperty("value", out var v))
        {
            var value = _values.Read(v);
            _display.Append(Values.Display.Quoted(value) is var q && q.Length > 60 ? q[..57] + "..." : q);
            return new Literal(pos, value);
        }
        if (fragment.TryGetProperty("array", out var arr))
        {
            if (arr.ValueKind != JsonValueKind.Array) throw new FormatException("`array` must be an array of fragments");
            _display.Append('[');
            var items = new List<Expr>();
            foreach (var item in arr.EnumerateArray())
            {
                if (items.Count > 0) _display.Append(", ");
                items.Add(FragmentExpr(item));
            }
            _display.Append(']');
            return new ArrayLiteral(pos, items);
        }
        if (fragment.TryGetProperty("object", out var obj))
        {
            if (obj.ValueKind != JsonValueKind.Object) throw new FormatException("`object` must map keys to fragments");
            _display.Append("{ ");
            var fields = new List<KeyValuePair<string, Expr>>();
            foreach (var p in obj.EnumerateObject())
            {
                if (fields.Count > 0) _display.Append(", ");
                _display.Append(p.Name).Append(": ");
                fields.Add(new(p.Name, FragmentExpr(p.Value)));
            }
            _display.Append(" }");
            return new ObjectLiteral(pos, fields);
        }
        throw new FormatException("A query fragment object must have `fql`, `value`, `array` or `object`");
    }

    private Expr FragmentExpr(JsonElement fragment)
    {
        if (fragment.ValueKind == JsonValueKind.Object && fragment.TryGetProperty("fql", out _))
        {
            var pos = _display.Length;
            var inner = new Tokenizer();
            AddFragment(inner, fragment, topLevel: true);
            return Parser.ParseQuery(inner.Finish(_display.Length)) with { Pos = pos };
        }
        if (fragment.ValueKind == JsonValueKind.String) throw new FormatException("Inside `array`/`object`, use `{\"value\": ...}` or `{\"fql\": [...]}`");
        return Embedded(fragment);
    }

    /// <summary>Fauna-style summary: the message, then the line of the query with a caret under the position.</summary>
    public string Summary(string code, string message, int pos)
    {
        var text = Display;
        if (pos < 0 || pos > text.Length) return $"{code}: {message}";
        var lineStart = text.LastIndexOf('\n', Math.Max(0, pos - 1)) + 1;
        if (pos == 0) lineStart = 0;
        var lineEnd = text.IndexOf('\n', pos);
        if (lineEnd < 0) lineEnd = text.Length;
        var line = text[..pos].Count(c => c == '\n') + 1;
        var col = pos - lineStart + 1;
        var gutter = new string(' ', line.ToString().Length);
        return $"{code}: {message}\nat *query*:{line}:{col}\n{gutter} |\n{line} | {text[lineStart..lineEnd]}\n{gutter} | {new string(' ', col - 1)}^\n{gutter} |";
    }
}

/// <summary>A parse error together with the text its position refers to.</summary>
public sealed class QueryTextException(QueryException error, QueryText text) : Exception(error.Message)
{
    public QueryException Error { get; } = error;
    public QueryText Text { get; } = text;
}
