namespace FaunaLocal.Language;

/// <summary>FQL syntax tree. Pos is the offset of the node in the query's display text (for error positions).</summary>
public abstract record Expr(int Pos);

public sealed record Literal(int Pos, Value Value) : Expr(Pos);

public sealed record Identifier(int Pos, string Name) : Expr(Pos);

/// <summary>The implicit argument of a short-hand lambda: the leading `.` of `.email`.</summary>
public sealed record ImplicitArg(int Pos) : Expr(Pos)
{
    public const string ParamName = "\u0001this";
}

public sealed record MemberAccess(int Pos, Expr Target, string Name, bool Optional) : Expr(Pos);

public sealed record IndexAccess(int Pos, Expr Target, Expr Index, bool Optional) : Expr(Pos);

public sealed record Call(int Pos, Expr Callee, IReadOnlyList<Expr> Args, bool Optional) : Expr(Pos);

/// <summary>Postfix `!`: the value must not be null (a missing document fails with document_not_found).</summary>
public sealed record NonNull(int Pos, Expr Target) : Expr(Pos);

public sealed record Unary(int Pos, string Op, Expr Operand) : Expr(Pos);

/// <summary>Binary operators, including the short-circuiting `&&`, `||` and `??`.</summary>
public sealed record Binary(int Pos, string Op, Expr Left, Expr Right) : Expr(Pos);

public sealed record Lambda(int Pos, IReadOnlyList<string> Params, Expr Body) : Expr(Pos);

public sealed record If(int Pos, Expr Condition, Expr Then, Expr? Else) : Expr(Pos);

/// <summary>`{ stmt; stmt }` and the query itself: the value is the last statement's.</summary>
public sealed record Block(int Pos, IReadOnlyList<Expr> Statements) : Expr(Pos);

/// <summary>`let name = value`, only valid as a block statement.</summary>
public sealed record Let(int Pos, string Name, Expr Value) : Expr(Pos);

public sealed record ArrayLiteral(int Pos, IReadOnlyList<Expr> Items) : Expr(Pos);

public sealed record ObjectLiteral(int Pos, IReadOnlyList<KeyValuePair<string, Expr>> Fields) : Expr(Pos);

/// <summary>`target { a, b: expr }`: each field is a one-argument lambda applied to the projected value.</summary>
public sealed record Projection(int Pos, Expr Target, IReadOnlyList<KeyValuePair<string, Lambda>> Fields) : Expr(Pos);
