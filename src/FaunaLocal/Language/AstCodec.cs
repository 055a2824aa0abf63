namespace FaunaLocal.Language;

/// <summary>
/// A compact JSON form of syntax trees, so a set's functions can travel inside a pagination cursor.
/// Each node is an array whose first element names it. Positions are not kept.
/// </summary>
public static class AstCodec
{
    public static void Write(Utf8JsonWriter w, Expr e, TaggedWriter values)
    {
        var (tag, parts) = Form(e);
        w.WriteStartArray();
        w.WriteStringValue(tag);
        foreach (var part in parts)
        {
            switch (part)
            {
                case string s: w.WriteStringValue(s); break;
                case bool b: w.WriteBooleanValue(b); break;
                case Value v: values.Write(w, v); break;
                case Expr child: Write(w, child, values); break;
                case IEnumerable<Expr> list:
                    w.WriteStartArray();
                    foreach (var item in list) Write(w, item, values);
                    w.WriteEndArray();
                    break;
                case IEnumerable<string> names:
                    w.WriteStartArray();
                    foreach (var name in names) w.WriteStringValue(name);
                    w.WriteEndArray();
                    break;
            }
        }
        w.WriteEndArray();
    }

    /// <summary>A node's name and what follows it in its array, in the order <see cref="Read"/> takes them.</summary>
    private static (string Tag, object[] Parts) Form(Expr e) => e switch
    {
        Literal l => ("lit", [l.Value]),
        Identifier id => ("id", [id.Name]),
        ImplicitArg => ("this", []),
        MemberAccess m => ("mem", [m.Target, m.Name, m.Optional]),
        IndexAccess ix => ("idx", [ix.Target, ix.Index, ix.Optional]),
        Call c => ("call", [c.Callee, c.Args, c.Optional]),
        NonNull nn => ("nn", [nn.Target]),
        Unary u => ("un", [u.Op, u.Operand]),
        Binary b => ("bin", [b.Op, b.Left, b.Right]),
        Lambda l => ("fn", [l.Params, l.Body]),
        If i => ("if", i.Else != null ? [i.Condition, i.Then, i.Else] : [i.Condition, i.Then]),
        Block b => ("blk", [b.Statements]),
        Let l => ("let", [l.Name, l.Value]),
        ArrayLiteral a => ("arr", [a.Items]),
        ObjectLiteral o => ("obj", [.. o.Fields.SelectMany(f => new object[] { f.Key, f.Value })]),
        Projection p => ("proj", [p.Target, .. p.Fields.SelectMany(f => new object[] { f.Key, f.Value })]),
        _ => throw new InvalidOperationException($"No JSON form for {e.GetType().Name}"),
    };

    public static Expr Read(JsonElement e, TaggedReader values)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0) throw new FormatException("Malformed syntax node");
        var a = e.EnumerateArray().ToArray();
        string S(int i) => a[i].GetString() ?? throw new FormatException("Malformed syntax node");
        Expr R(int i) => Read(a[i], values);
        List<Expr> L(int i) => a[i].EnumerateArray().Select(x => Read(x, values)).ToList();
        return S(0) switch
        {
            "lit" => new Literal(0, values.Read(a[1])),
            "id" => new Identifier(0, S(1)),
            "this" => new ImplicitArg(0),
            "mem" => new MemberAccess(0, R(1), S(2), a[3].GetBoolean()),
            "idx" => new IndexAccess(0, R(1), R(2), a[3].GetBoolean()),
            "call" => new Call(0, R(1), L(2), a[3].GetBoolean()),
            "nn" => new NonNull(0, R(1)),
            "un" => new Unary(0, S(1), R(2)),
            "bin" => new Binary(0, S(1), R(2), R(3)),
            "fn" => new Lambda(0, a[1].EnumerateArray().Select(p => p.GetString()!).ToList(), R(2)),
            "if" => new If(0, R(1), R(2), a.Length > 3 ? R(3) : null),
            "blk" => new Block(0, L(1)),
            "let" => new Let(0, S(1), R(2)),
            "arr" => new ArrayLiteral(0, L(1)),
            "obj" => new ObjectLiteral(0, Pairs(a, values).ToList()),
            "proj" => new Projection(0, R(1), Pairs(a[1..], values).Select(p => KeyValuePair.Create(p.Key, (Lambda)p.Value)).ToList()),
            var tag => throw new FormatException($"Unknown syntax node `{tag}`"),
        };
    }

    private static IEnumerable<KeyValuePair<string, Expr>> Pairs(JsonElement[] a, TaggedReader values)
    {
        for (var i = 1; i + 1 < a.Length; i += 2)
            yield return KeyValuePair.Create(a[i].GetString()!, Read(a[i + 1], values));
    }

    /// <summary>Names an expression uses from outside itself: what a lambda must carry with it.</summary>
    public static HashSet<string> FreeVariables(Lambda lambda)
    {
        var free = new HashSet<string>();
        Collect(lambda, [], free);
        return free;
    }

    private static void Collect(Expr e, HashSet<string> bound, HashSet<string> free)
    {
        switch (e)
        {
            case Identifier id:
                if (!bound.Contains(id.Name)) free.Add(id.Name);
                break;
            case Lambda l:
                Collect(l.Body, [.. bound, .. l.Params], free);
                break;
            case Block b:
            {
                var scope = new HashSet<string>(bound);
                foreach (var s in b.Statements)
                {
                    if (s is Let let)
                    {
                        Collect(let.Value, scope, free);
                        scope.Add(let.Name);
                    }
                    else Collect(s, scope, free);
                }
                break;
            }
            case MemberAccess m: Collect(m.Target, bound, free); break;
            case IndexAccess ix: Collect(ix.Target, bound, free); Collect(ix.Index, bound, free); break;
            case Call c:
                Collect(c.Callee, bound, free);
                foreach (var arg in c.Args) Collect(arg, bound, free);
                break;
            case NonNull nn: Collect(nn.Target, bound, free); break;
            case Unary u: Collect(u.Operand, bound, free); break;
            case Binary b: Collect(b.Left, bound, free); Collect(b.Right, bound, free); break;
            case If i:
                Collect(i.Condition, bound, free);
                Collect(i.Then, bound, free);
                if (i.Else != null) Collect(i.Else, bound, free);
                break;
            case Let l: Collect(l.Value, bound, free); break;
            case ArrayLiteral a:
                foreach (var item in a.Items) Collect(item, bound, free);
                break;
            case ObjectLiteral o:
                foreach (var (_, v) in o.Fields) Collect(v, bound, free);
                break;
            case Projection p:
                Collect(p.Target, bound, free);
                foreach (var (_, fn) in p.Fields) Collect(fn, bound, free);
                break;
        }
    }
}
