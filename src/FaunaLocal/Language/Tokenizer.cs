namespace FaunaLocal.Language;

/// <summary>
/// Turns FQL source into tokens. A query arrives as text fragments with embedded values between them
/// (the wire's query template); each fragment is scanned at its offset in the display text.
/// </summary>
public sealed class Tokenizer
{
    private static readonly string[] Puncts =
        ["?.", "??", "=>", "==", "!=", "<=", ">=", "&&", "||", "(", ")", "{", "}", "[", "]", ",", ":", ";", ".", "!", "<", ">", "+", "-", "*", "/", "%", "="];

    private readonly List<Token> _tokens = [];
    private bool _newline = true;

    public IReadOnlyList<Token> Tokens => _tokens;

    public static List<Token> Tokenize(string source, int baseOffset = 0)
    {
        var t = new Tokenizer();
        t.AddText(source, baseOffset);
        return t.Finish(baseOffset + source.Length);
    }

    public void AddEmbedded(Expr expr, int pos)
    {
        _tokens.Add(new Token(TokenKind.Embedded, "", pos, _newline) { Embedded = expr });
        _newline = false;
    }

    public List<Token> Finish(int endPos)
    {
        _tokens.Add(new Token(TokenKind.End, "", endPos, true));
        return _tokens;
    }

    public void AddText(string s, int baseOffset)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '\n') { _newline = true; i++; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '/')
            {
                while (i < s.Length && s[i] != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                var close = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (close < 0) throw QueryException.InvalidQuery("Unterminated block comment", baseOffset + i);
                if (s.AsSpan(i, close - i).Contains('\n')) _newline = true;
                i = close + 2;
                continue;
            }

            var start = i;
            Token token;
            if (char.IsLetter(c) || c == '_' || c == '$')
            {
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_' || s[i] == '$')) i++;
                token = new Token(TokenKind.Identifier, s[start..i], baseOffset + start, _newline);
            }
            else if (char.IsDigit(c))
            {
                token = ScanNumber(s, ref i, baseOffset);
            }
            else if (c == '"' || c == '\'')
            {
                token = ScanString(s, ref i, baseOffset);
            }
            else
            {
                var p = Puncts.FirstOrDefault(p => string.CompareOrdinal(s, i, p, 0, p.Length) == 0)
                        ?? throw QueryException.InvalidQuery($"Unexpected character `{c}`", baseOffset + i);
                i += p.Length;
                token = new Token(TokenKind.Punct, p, baseOffset + start, _newline);
            }
            _tokens.Add(token);
            _newline = false;
        }
    }

    private Token ScanNumber(string s, ref int i, int baseOffset)
    {
        var start = i;
        if (s[i] == '0' && i + 1 < s.Length && (s[i + 1] == 'x' || s[i + 1] == 'X'))
        {
            i += 2;
            while (i < s.Length && (Uri.IsHexDigit(s[i]) || s[i] == '_')) i++;
            var hex = s[(start + 2)..i].Replace("_", "");
            if (hex.Length == 0 || !long.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h))
                throw QueryException.InvalidQuery("Invalid hexadecimal literal", baseOffset + start);
            return NumberToken(s[start..i], h, baseOffset + start);
        }
        var isDouble = false;
        while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '_')) i++;
        if (i + 1 < s.Length && s[i] == '.' && char.IsDigit(s[i + 1]))
        {
            isDouble = true;
            i++;
            while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '_')) i++;
        }
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            var j = i + 1;
            if (j < s.Length && (s[j] == '+' || s[j] == '-')) j++;
            if (j < s.Length && char.IsDigit(s[j]))
            {
                isDouble = true;
                i = j;
                while (i < s.Length && char.IsDigit(s[i])) i++;
            }
        }
        if (i < s.Length && (char.IsLetter(s[i]) || s[i] == '_'))
            throw QueryException.InvalidQuery($"Invalid number literal `{s[start..(i + 1)]}`", baseOffset + start);
        var text = s[start..i].Replace("_", "");
        if (isDouble)
            return new Token(TokenKind.Number, text, baseOffset + start, _newline) { Literal = double.Parse(text, CultureInfo.InvariantCulture) };
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l))
            throw QueryException.InvalidQuery($"Integer literal `{text}` is out of range", baseOffset + start);
        return NumberToken(text, l, baseOffset + start);
    }

    private Token NumberToken(string text, long value, int pos) =>
        new(TokenKind.Number, text, pos, _newline) { Literal = value is >= int.MinValue and <= int.MaxValue ? (object)(int)value : value };

    private Token ScanString(string s, ref int i, int baseOffset)
    {
        var quote = s[i];
        var start = i++;
        var parts = new List<(bool, string, int)>();
        var sb = new StringBuilder();
        while (true)
        {
            if (i >= s.Length || s[i] == '\n')
                throw QueryException.InvalidQuery("Unterminated string literal", baseOffset + start);
            var c = s[i];
            if (c == quote) { i++; break; }
            if (c == '\\')
            {
                sb.Append(ReadEscape(s, ref i, baseOffset));
                continue;
            }
            if (quote == '"' && c == '#' && i + 1 < s.Length && s[i + 1] == '{')
            {
                var codeStart = i + 2;
                var depth = 1;
                var j = codeStart;
                while (j < s.Length && depth > 0)
                {
                    if (s[j] == '{') depth++;
                    else if (s[j] == '}') depth--;
                    if (depth > 0) j++;
                }
                if (j >= s.Length) throw QueryException.InvalidQuery("Unterminated string interpolation", baseOffset + i);
                parts.Add((false, sb.ToString(), 0));
                sb.Clear();
                parts.Add((true, s[codeStart..j], baseOffset + codeStart));
                i = j + 1;
                continue;
            }
            sb.Append(c);
            i++;
        }
        if (parts.Count == 0)
            return new Token(TokenKind.String, s[start..i], baseOffset + start, _newline) { Literal = sb.ToString() };
        parts.Add((false, sb.ToString(), 0));
        return new Token(TokenKind.Template, s[start..i], baseOffset + start, _newline) { TemplateParts = parts };
    }

    private static string ReadEscape(string s, ref int i, int baseOffset)
    {
        var pos = i;
        i++;
        if (i >= s.Length) throw QueryException.InvalidQuery("Unterminated escape sequence", baseOffset + pos);
        var e = s[i++];
        switch (e)
        {
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'v': return "\v";
            case '0': return "\0";
            case '\\' or '"' or '\'' or '#' or '`': return e.ToString();
            case 'u':
                if (i < s.Length && s[i] == '{')
                {
                    var close = s.IndexOf('}', i);
                    if (close < 0 || !int.TryParse(s.AsSpan(i + 1, close - i - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp))
                        throw QueryException.InvalidQuery("Invalid unicode escape", baseOffset + pos);
                    i = close + 1;
                    return char.ConvertFromUtf32(cp);
                }
                if (i + 4 <= s.Length && int.TryParse(s.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var u))
                {
                    i += 4;
                    return ((char)u).ToString();
                }
                throw QueryException.InvalidQuery("Invalid unicode escape", baseOffset + pos);
            default:
                throw QueryException.InvalidQuery($"Invalid escape sequence `\\{e}`", baseOffset + pos);
        }
    }
}
