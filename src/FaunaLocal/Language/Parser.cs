namespace FaunaLocal.Language;

/// <summary>
/// Recursive-descent parser for the FQL subset. Grammar, lowest precedence first:
/// <code>
/// query      := statements END
/// statements := statement ((';' | NEWLINE) statement)* ';'?
/// statement  := 'let' IDENT (':' type)? '=' expr | expr
/// expr       := IDENT '=>' expr | '(' (IDENT (',' IDENT)*)? ')' '=>' expr | nullish
/// nullish    := or ('??' or)*
/// or         := and ('||' and)*
/// and        := equality ('&amp;&amp;' equality)*
/// equality   := compare (('==' | '!=') compare)*
/// compare    := additive (('&lt;' | '&lt;=' | '&gt;' | '&gt;=') additive)*
/// additive   := multiply (('+' | '-') multiply)*
/// multiply   := unary (('*' | '/' | '%') unary)*
/// unary      := ('!' | '-') unary | postfix
/// postfix    := primary ('.' IDENT | '?.' IDENT | '(' args ')' | '?.(' args ')' | '[' expr ']' | '?.[' expr ']'
///               | '!' | '{' fields '}')*          -- `(`, `[`, `{`, `!` only on the same line
/// fields     := (IDENT (':' arg | '{' fields '}')? | STRING ':' arg) separated by ','
/// primary    := NUMBER | STRING | "…#{expr}…" | true | false | null | IDENT | '(' expr ')'
///             | '[' (expr (',' expr)*)? ']' | '{' '}' | '{' (IDENT|STRING) ':' … '}' (object) | '{' statements '}' (block)
///             | 'if' '(' expr ')' expr ('else' expr)? | '.' IDENT (short-hand lambda, inside an argument)
/// args       := (arg (',' arg)*)? ','?          -- an arg that uses `.field` is the lambda `x => x.field…`
/// </code>
/// </summary>
public sealed class Parser
{
    private readonly IReadOnlyList<Token> _tokens;
    private int _i;
    private readonly Stack<bool> _implicitFrames = new();

    private static readonly HashSet<string> Reserved = ["let", "if", "else", "true", "false", "null", "at", "isa"];

    public Parser(IReadOnlyList<Token> tokens) => _tokens = tokens;

    public static Expr ParseQuery(IReadOnlyList<Token> tokens)
    {
        var p = new Parser(tokens);
        var block = p.ParseStatements(isTopLevel: true);
        p.Expect(TokenKind.End, "end of query");
        return block;
    }

    private Token Peek(int k = 0) => _tokens[Math.Min(_i + k, _tokens.Count - 1)];
    private Token Next() => _tokens[Math.Min(_i++, _tokens.Count - 1)];

    private bool Accept(string punct)
    {
        if (!Peek().Is(punct)) return false;
        _i++;
        return true;
    }

    private Token Expect(string punct, string what)
    {
        var t = Peek();
        if (!t.Is(punct)) throw Unexpected(t, what);
        _i++;
        return t;
    }

    private Token Expect(TokenKind kind, string what)
    {
        var t = Peek();
        if (t.Kind != kind) throw Unexpected(t, what);
        _i++;
        return t;
    }

    private static QueryException Unexpected(Token t, string expected) =>
        t.Kind == TokenKind.End
            ? QueryException.InvalidQuery($"Unexpected end of query. Expected {expected}", t.Pos)
            : QueryException.InvalidQuery($"Unexpected {t.Describe()}. Expected {expected}", t.Pos);

    private Block ParseStatements(bool isTopLevel)
    {
        var start = Peek().Pos;
        var statements = new List<Expr>();
        while (true)
        {
            while (Accept(";")) { }
            var t = Peek();
            if (t.Kind == TokenKind.End || (!isTopLevel && t.Is("}"))) break;
            statements.Add(ParseStatement());
            var after = Peek();
            if (after.Is(";") || after.Kind == TokenKind.End || (!isTopLevel && after.Is("}")) || after.NewlineBefore) continue;
            throw Unexpected(after, "end of statement (a newline or `;`)");
        }
        if (statements.Count == 0)
            throw QueryException.InvalidQuery(isTopLevel ? "The query is empty. Expected a statement or expression" : "Empty block. Expected a statement or expression", Peek().Pos);
        if (statements[^1] is Let last)
            throw QueryException.InvalidQuery("A block cannot end with `let`. Expected an expression after it", last.Pos);
        return new Block(start, statements);
    }

    private Expr ParseStatement()
    {
        var t = Peek();
        if (!t.IsKeyword("let")) return ParseExpr();
        _i++;
        var name = ExpectName("a variable name after `let`");
        if (Accept(":")) SkipType();
        Expect("=", "`=` after the variable name");
        return new Let(t.Pos, name, ParseExpr());
    }

    private string ExpectName(string what)
    {
        var t = Peek();
        if (t.Kind != TokenKind.Identifier || Reserved.Contains(t.Text)) throw Unexpected(t, what);
        _i++;
        return t.Text;
    }

    /// <summary>Type annotations are accepted and ignored: FaunaLocal does not type-check.</summary>
    private void SkipType()
    {
        var depth = 0;
        while (true)
        {
            var t = Peek();
            if (t.Kind == TokenKind.End) throw Unexpected(t, "a type");
            if (depth == 0 && (t.Is("=") || t.Is(",") || t.Is(")") || t.Is("=>"))) return;
            if (t.Is("<") || t.Is("(") || t.Is("{") || t.Is("[")) depth++;
            if (t.Is(">") || t.Is(")") || t.Is("}") || t.Is("]")) depth--;
            _i++;
        }
    }

    public Expr ParseExpr()
    {
        var t = Peek();
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw QueryException.InvalidQuery("The query nests too deeply.", t.Pos);
        if (t.Kind == TokenKind.Identifier && Peek(1).Is("=>") && !Reserved.Contains(t.Text))
        {
            _i += 2;
            return new Lambda(t.Pos, [t.Text], ParseLambdaBody());
        }
        if (t.Is("(") && IsArrowParams()) return ParseParenLambda();
        return ParseBinary(0);
    }

    private Expr ParseLambdaBody()
    {
        // `.x` directly in a lambda body would be ambiguous with the lambda's own parameter: reject it.
        var pos = Peek().Pos;
        var (body, used) = ParseInImplicitFrame();
        if (used) throw QueryException.InvalidQuery("Short-hand `.field` syntax cannot be used inside a lambda body; name the parameter", pos);
        return body;
    }

    private bool IsArrowParams()
    {
        var depth = 0;
        for (var k = _i; k < _tokens.Count; k++)
        {
            var t = _tokens[k];
            if (t.Is("(")) depth++;
            else if (t.Is(")") && --depth == 0) return k + 1 < _tokens.Count && _tokens[k + 1].Is("=>");
            else if (t.Kind == TokenKind.End) return false;
        }
        return false;
    }

    private Expr ParseParenLambda()
    {
        var open = Expect("(", "`(`");
        var names = new List<string>();
        while (!Peek().Is(")"))
        {
            names.Add(ExpectName("a parameter name"));
            if (Accept(":")) SkipType();
            if (!Accept(",")) break;
        }
        Expect(")", "`)` after the parameters");
        Expect("=>", "`=>`");
        return new Lambda(open.Pos, names, ParseLambdaBody());
    }

    private static readonly string[][] Levels =
    [
        ["??"], ["||"], ["&&"], ["==", "!="], ["<", "<=", ">", ">="], ["+", "-"], ["*", "/", "%"],
    ];

    private Expr ParseBinary(int level)
    {
        if (level == Levels.Length) return ParseUnary();
        var left = ParseBinary(level + 1);
        while (true)
        {
            var t = Peek();
            if (t.Kind != TokenKind.Punct || !Levels[level].Contains(t.Text)) return left;
            _i++;
            var right = ParseBinary(level + 1);
            left = new Binary(t.Pos, t.Text, left, right);
        }
    }

    private Expr ParseUnary()
    {
        var t = Peek();
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw QueryException.InvalidQuery("The query nests too deeply.", t.Pos);
        if (t.Is("!") || t.Is("-"))
        {
            _i++;
            var operand = ParseUnary();
            if (t.Text == "-" && operand is Literal { Value: NumberValue n })
                return new Literal(t.Pos, Arithmetic.Negate(n));
            return new Unary(t.Pos, t.Text, operand);
        }
        return ParsePostfix(ParsePrimary());
    }

    private Expr ParsePostfix(Expr e)
    {
        while (true)
        {
            var t = Peek();
            if (t.Is("."))
            {
                _i++;
                e = new MemberAccess(t.Pos, e, ExpectField("a field name after `.`"), false);
            }
            else if (t.Is("?."))
            {
                _i++;
                if (Peek().Is("(")) e = new Call(t.Pos, e, ParseArgs(), true);
                else if (Accept("[")) { e = new IndexAccess(t.Pos, e, ParseExpr(), true); Expect("]", "`]`"); }
                else e = new MemberAccess(t.Pos, e, ExpectField("a field name after `?.`"), true);
            }
            else if (t.NewlineBefore) return e;
            else if (t.Is("(")) e = new Call(t.Pos, e, ParseArgs(), false);
            else if (t.Is("["))
            {
                _i++;
                e = new IndexAccess(t.Pos, e, ParseExpr(), false);
                Expect("]", "`]`");
            }
            else if (t.Is("!")) { _i++; e = new NonNull(t.Pos, e); }
            else if (t.Is("{")) e = new Projection(t.Pos, e, ParseProjectionFields());
            else return e;
        }
    }

    private string ExpectField(string what)
    {
        var t = Peek();
        if (t.Kind != TokenKind.Identifier) throw Unexpected(t, what);
        _i++;
        return t.Text;
    }

    private List<Expr> ParseArgs()
    {
        Expect("(", "`(`");
        var args = new List<Expr>();
        while (!Peek().Is(")"))
        {
            args.Add(ParseArgument());
            if (!Accept(",")) break;
        }
        Expect(")", "`)` or `,` in the argument list");
        return args;
    }

    /// <summary>An argument is the scope of short-hand `.field` syntax: if used, the argument becomes a lambda.</summary>
    private Expr ParseArgument()
    {
        var pos = Peek().Pos;
        var (e, used) = ParseInImplicitFrame();
        return used ? new Lambda(pos, [ImplicitArg.ParamName], e) : e;
    }

    /// <summary>An expression parsed as its own scope of short-hand `.field` syntax, and whether it used it.</summary>
    private (Expr Expr, bool UsedImplicit) ParseInImplicitFrame()
    {
        _implicitFrames.Push(false);
        Expr e;
        bool used;
        try { e = ParseExpr(); }
        finally { used = _implicitFrames.Pop(); }
        return (e, used);
    }

    private List<KeyValuePair<string, Lambda>> ParseProjectionFields()
    {
        Expect("{", "`{`");
        var fields = new List<KeyValuePair<string, Lambda>>();
        while (!Peek().Is("}"))
        {
            var t = Peek();
            if (t.Kind is not (TokenKind.Identifier or TokenKind.String)) throw Unexpected(t, "a field name in the projection");
            _i++;
            var key = t.Kind == TokenKind.String ? (string)t.Literal! : t.Text;
            Expr body;
            if (Accept(":"))
            {
                var arg = ParseArgument();
                body = arg is Lambda { Params: [ImplicitArg.ParamName] } l ? l.Body : arg;
            }
            else
            {
                body = new MemberAccess(t.Pos, new ImplicitArg(t.Pos), key, false);
                if (Peek().Is("{") && !Peek().NewlineBefore) body = new Projection(Peek().Pos, body, ParseProjectionFields());
            }
            fields.Add(new(key, new Lambda(t.Pos, [ImplicitArg.ParamName], body)));
            if (!Accept(",")) break;
        }
        Expect("}", "`}` or `,` in the projection");
        return fields;
    }

    private Expr ParsePrimary()
    {
        var t = Peek();
        switch (t.Kind)
        {
            case TokenKind.Number:
                _i++;
                return new Literal(t.Pos, t.Literal switch
                {
                    int i => new IntValue(i),
                    long l => new LongValue(l),
                    double d => new DoubleValue(d),
                    _ => throw new InvalidOperationException("number token without a value"),
                });
            case TokenKind.String:
                _i++;
                return new Literal(t.Pos, new StringValue((string)t.Literal!));
            case TokenKind.Template:
                _i++;
                return ParseInterpolation(t);
            case TokenKind.Embedded:
                _i++;
                return t.Embedded!;
            case TokenKind.End:
                throw Unexpected(t, "an expression");
            case TokenKind.Identifier:
                _i++;
                return t.Text switch
                {
                    "true" => new Literal(t.Pos, BoolValue.True),
                    "false" => new Literal(t.Pos, BoolValue.False),
                    "null" => new Literal(t.Pos, NullValue.Instance),
                    "if" => ParseIf(t),
                    "let" => throw QueryException.InvalidQuery("`let` is a statement; it cannot be used as an expression", t.Pos),
                    "else" => throw QueryException.InvalidQuery("`else` without a matching `if`", t.Pos),
                    _ => new Identifier(t.Pos, t.Text),
                };
        }

        if (t.Is("("))
        {
            _i++;
            var inner = ParseExpr();
            Expect(")", "`)`");
            return inner;
        }
        if (t.Is("["))
        {
            _i++;
            var items = new List<Expr>();
            while (!Peek().Is("]"))
            {
                items.Add(ParseExpr());
                if (!Accept(",")) break;
            }
            Expect("]", "`]` or `,` in the array");
            return new ArrayLiteral(t.Pos, items);
        }
        if (t.Is("{")) return IsObjectStart() ? ParseObject() : ParseBlock();
        if (t.Is("."))
        {
            if (_implicitFrames.Count == 0 || Peek(1).Kind != TokenKind.Identifier)
                throw QueryException.InvalidQuery("Short-hand `.field` syntax is only valid as a function argument", t.Pos);
            _implicitFrames.Pop();
            _implicitFrames.Push(true);
            _i++;
            var name = Next();
            return new MemberAccess(t.Pos, new ImplicitArg(t.Pos), name.Text, false);
        }
        throw Unexpected(t, "an expression");
    }

    private Expr ParseInterpolation(Token t)
    {
        var parts = new List<Expr>();
        foreach (var (isCode, text, pos) in t.TemplateParts!)
        {
            if (!isCode)
            {
                if (text.Length > 0) parts.Add(new Literal(t.Pos, new StringValue(text)));
                continue;
            }
            var tokens = Tokenizer.Tokenize(text, pos);
            var inner = new Parser(tokens);
            var e = inner.ParseExpr();
            inner.Expect(TokenKind.End, "`}` to close the interpolation");
            parts.Add(e);
        }
        return new Call(t.Pos, new Identifier(t.Pos, Builtins.InterpolateName), parts, false);
    }

    private bool IsObjectStart()
    {
        var a = Peek(1);
        if (a.Is("}")) return true;
        return (a.Kind is TokenKind.Identifier or TokenKind.String) && Peek(2).Is(":");
    }

    private Expr ParseObject()
    {
        var open = Expect("{", "`{`");
        var fields = new List<KeyValuePair<string, Expr>>();
        var seen = new HashSet<string>();
        while (!Peek().Is("}"))
        {
            var k = Peek();
            if (k.Kind is not (TokenKind.Identifier or TokenKind.String)) throw Unexpected(k, "a field name");
            _i++;
            var key = k.Kind == TokenKind.String ? (string)k.Literal! : k.Text;
            if (!seen.Add(key)) throw QueryException.InvalidQuery($"Duplicate field `{key}` in object", k.Pos);
            Expect(":", "`:` after the field name");
            fields.Add(new(key, ParseExpr()));
            if (!Accept(",")) break;
        }
        Expect("}", "`}` or `,` in the object");
        return new ObjectLiteral(open.Pos, fields);
    }

    private Expr ParseBlock()
    {
        var open = Expect("{", "`{`");
        var block = ParseStatements(isTopLevel: false);
        Expect("}", "`}` to close the block");
        return block with { Pos = open.Pos };
    }

    private Expr ParseIf(Token ifToken)
    {
        Expect("(", "`(` after `if`");
        var cond = ParseExpr();
        Expect(")", "`)` after the condition");
        var then = ParseExpr();
        Expr? otherwise = null;
        if (Peek().IsKeyword("else"))
        {
            _i++;
            otherwise = ParseExpr();
        }
        return new If(ifToken.Pos, cond, then, otherwise);
    }
}
