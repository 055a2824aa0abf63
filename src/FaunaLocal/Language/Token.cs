namespace FaunaLocal.Language;

public enum TokenKind
{
    Identifier,
    Number,
    String,
    /// <summary>A double-quoted string with `#{expr}` interpolation; Parts alternate text and source.</summary>
    Template,
    Punct,
    /// <summary>A value or sub-query from the request's template, already turned into an expression.</summary>
    Embedded,
    End,
}

/// <summary>A token. NewlineBefore lets the parser end statements at line breaks, as FQL does.</summary>
public sealed record Token(TokenKind Kind, string Text, int Pos, bool NewlineBefore)
{
    public object? Literal { get; init; }
    public Expr? Embedded { get; init; }
    public IReadOnlyList<(bool IsCode, string Text, int Pos)>? TemplateParts { get; init; }

    public bool Is(string punct) => Kind == TokenKind.Punct && Text == punct;
    public bool IsKeyword(string word) => Kind == TokenKind.Identifier && Text == word;

    public string Describe() => Kind switch
    {
        TokenKind.End => "end of query",
        TokenKind.Embedded => "an interpolated value",
        TokenKind.String or TokenKind.Template => "a string",
        TokenKind.Number => $"number `{Text}`",
        _ => $"`{Text}`",
    };
}
