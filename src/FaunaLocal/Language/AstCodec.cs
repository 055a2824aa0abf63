using System.Text.Json;
using FaunaLocal.Values;

namespace FaunaLocal.Language;

/// <summary>
/// A compact JSON form of syntax trees, so a set's functions can travel inside a pagination cursor.
/// Each node is an array whose first element names it. Positions are not kept.
/// </summary>
public static class AstCodec
{
    public static void Write(Utf8JsonWriter w, Expr e, TaggedWriter values)
    {
        w.WriteStartArray();
        switch (e)
        {
            case Literal l:
                w.WriteStringValue("lit");
                values.Write(w, l.Value);
                break;
            case Identifier id:
                w.WriteStringValue("id");
                w.WriteStringValue(id.Name);
                break;
            case ImplicitArg:
                w.WriteStringValue("this");
                break;
            case MemberAccess m:
                w.WriteStringValue("mem");
                Write(w, m.Target, values);
                w.WriteStringValue(m.Name);
                w.WriteBooleanValue(m.Optional);
                break;
            case IndexAccess ix:
                w.WriteStringValue("idx");
                Write(w, ix.Target, values);
                Write(w, ix.Index, values);
                w.WriteBooleanValue(ix.Optional);
                break;
            case Call c:
                w.WriteStringValue("call");
                Write(w, c.Callee, values);
                WriteList(w, c.Args, values);
                w.WriteBooleanValue(c.Optional);
                break;
            case NonNull nn:
                w.WriteStringValue("nn");
                Write(w, nn.Target, values);
                break;
            case Unary u:
                w.WriteStringValue("un");
                w.WriteStringValue(u.Op);
                Write(w, u.Operand, values);
                break;
            case Binary b:
                w.WriteStringValue("bin");
                w.WriteStringValue(b.Op);
                Write(w, b.Left, values);
                Write(w, b.Right, values);
                break;
            case Lambda l:
                w.WriteStringValue("fn");
                w.WriteStartArray();
                foreach (var p in l.Params) w.WriteStringValue(p);
                w.WriteEndArray();
                Write(w, l.Body, values);
                break;
            case If i:
                w.WriteStringValue("if");
                Write(w, i.Condition, values);
                Write(w, i.Then, values);
                if (i.Else != null) Write(w, i.Else, values);
                break;
            case Block b:
                w.WriteStringValue("blk");
                WriteList(w, b.Statements, values);
                break;
            case Let l:
                w.WriteStringValue("let");
                w.WriteStringValue(l.Name);
                Write(w, l.Value, values);
                break;
            case ArrayLiteral a:
                w.WriteStringValue("arr");
                WriteList(w, a.Items, values);
                break;
            case ObjectLiteral o:
                w.WriteStringValue("obj");
                foreach (var (k, v) in o.Fields)
                {
                    w.WriteStringValue(k);
                    Write(w, v, values);
                }
                break;
            case Projection p:
                w.WriteStringValue("proj");
                Write(w, p.Target, values);
                foreach (var (k, fn) in p.Fields)
                {
                    w.WriteStringValue(k);
                    Write(w, fn, values);
                }
                break;
            default:
                throw new InvalidOperationException($"No JSON form for {e.GetType().Name}");
        }
        w.WriteEndArray();
    }

    private static void WriteList(Utf8JsonWriter w, IEnumerable<Expr> list, TaggedWriter values)
    {
        w.WriteStartArray();
        foreach (var e in list) Write(w, e, values);
        w.WriteEndArray();
    }

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
