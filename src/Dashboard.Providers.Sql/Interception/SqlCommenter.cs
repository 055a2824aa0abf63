using System.Text;

namespace Dashboard.Providers.Sql.Interception;

/// <summary>
/// SQLCommenter tags (https://google.github.io/sqlcommenter/spec/): <c>/*action='list_users',tenant='acme'*/</c>
/// appended to every statement. Per the spec: keys sorted, keys and values URL-encoded, then quotes
/// backslash-escaped, values in single quotes; a statement that already carries a comment is left alone.
/// In a batch ("INSERT ...; INSERT ...;") each statement gets the tag before its semicolon, so every
/// statement PlanetScale Insights sees is attributed.
/// </summary>
public static class SqlCommenter
{
    public static string Comment(IReadOnlyDictionary<string, string> tags)
    {
        var pairs = tags
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => $"{Escape(Uri.EscapeDataString(t.Key))}='{Escape(Uri.EscapeDataString(t.Value))}'");
        return "/*" + string.Join(',', pairs) + "*/";
    }

    /// <summary>The SQL with <paramref name="comment"/> at the end of each statement.</summary>
    public static string Tag(string sql, string comment)
    {
        if (sql.Contains("/*", StringComparison.Ordinal)) return sql;
        var tagged = new StringBuilder(sql.Length + comment.Length * 2);
        var endsWithSemicolon = false;
        var afterLineComment = false;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '\'' or '"' or '`')
            {
                var end = EndOfQuoted(sql, i);
                tagged.Append(sql, i, end - i);
                i = end;
                endsWithSemicolon = afterLineComment = false;
                continue;
            }
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-' || c == '#')
            {
                // A line comment: the tag must not land inside it, so nothing here is a statement end.
                var end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length : end;
                tagged.Append(sql, i, end - i);
                i = end;
                afterLineComment = true;
                continue;
            }
            if (c == ';')
            {
                AppendTag(tagged, comment, afterLineComment);
                tagged.Append(';');
                endsWithSemicolon = true;
                afterLineComment = false;
                i++;
                continue;
            }
            if (!char.IsWhiteSpace(c)) endsWithSemicolon = afterLineComment = false;
            tagged.Append(c);
            i++;
        }
        if (!endsWithSemicolon) AppendTag(tagged, comment, afterLineComment);
        return tagged.ToString();
    }

    /// <summary>The tag right after the statement's last token, on a new line if a line comment ends it.</summary>
    private static void AppendTag(StringBuilder tagged, string comment, bool afterLineComment)
    {
        TrimEnd(tagged);
        tagged.Append(afterLineComment ? '\n' : ' ').Append(comment);
    }

    /// <summary>Backslash-escapes the spec's meta-character (the single quote) and the backslash itself.</summary>
    private static string Escape(string encoded) => encoded.Replace("\\", "\\\\").Replace("'", "\\'");

    private static int EndOfQuoted(string sql, int start)
    {
        var quote = sql[start];
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == '\\' && quote != '`') { i += 2; continue; }
            if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote) { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return sql.Length;
    }

    private static void TrimEnd(StringBuilder sb)
    {
        while (sb.Length > 0 && char.IsWhiteSpace(sb[^1])) sb.Length--;
    }
}
