using System.Runtime.CompilerServices;

namespace FaunaLocal.Engine;

/// <summary>
/// Evaluates a parsed query inside one transaction. Each call counts toward compute ops and checks the
/// query deadline; runaway recursion becomes an error, not a crashed server.
/// </summary>
public sealed class Interpreter
{
    private const int MaxCallDepth = 256;
    private readonly QueryDeadline _deadline;
    private int _callDepth;

    public Interpreter(Transaction txn, QueryDeadline deadline)
    {
        Txn = txn;
        _deadline = deadline;
        Sets = new SetRunner(this);
    }

    public Transaction Txn { get; }
    public SetRunner Sets { get; }
    public List<string> Logs { get; } = [];

    /// <summary>`Time.now()`: one instant for the whole query, never before the snapshot it reads.</summary>
    public long Now => _now ??= Math.Max(Storage.Store.NowMicros(), Txn.SnapshotTs);
    private long? _now;

    public void CheckDeadline()
    {
        if (_deadline.Passed) throw new QueryTimeoutException();
    }

    public Value Eval(Expr e, Env env)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new QueryException("invalid_query", "The query nests too deeply to evaluate.", e.Pos);
        switch (e)
        {
            case Literal l: return l.Value;
            case Identifier id: return Resolve(id, env);
            case ImplicitArg ia:
                return env.TryGet(ImplicitArg.ParamName, out var self) ? self
                    : throw QueryException.InvalidQuery("Short-hand `.field` used outside a function argument", ia.Pos);
            case MemberAccess m:
            {
                var target = Eval(m.Target, env);
                if (m.Optional && IsNullish(target)) return NullValue.Instance;
                return Members.Get(this, target, m.Name, m.Pos);
            }
            case IndexAccess ix:
            {
                var target = Eval(ix.Target, env);
                if (ix.Optional && IsNullish(target)) return NullValue.Instance;
                return Members.Index(this, target, Eval(ix.Index, env), ix.Pos);
            }
            case Call c: return EvalCall(c, env);
            case NonNull nn: return AssertNotNull(Eval(nn.Target, env), nn.Pos);
            case Unary u: return EvalUnary(u, env);
            case Binary b: return EvalBinary(b, env);
            case Lambda lambda: return new LambdaValue(lambda, env);
            case If i:
            {
                var cond = Eval(i.Condition, env);
                if (Truthy(cond, "if", i.Condition.Pos)) return Eval(i.Then, env);
                return i.Else == null ? NullValue.Instance : Eval(i.Else, env);
            }
            case Block block:
            {
                var scope = new Env(env);
                Value last = NullValue.Instance;
                foreach (var stmt in block.Statements)
                {
                    if (stmt is Let let)
                    {
                        scope.Define(let.Name, Eval(let.Value, scope));
                        last = NullValue.Instance;
                    }
                    else last = Eval(stmt, scope);
                }
                return last;
            }
            case Let let:
                throw QueryException.InvalidQuery("`let` is only valid as a statement", let.Pos);
            case ArrayLiteral a:
                return new ArrayValue(a.Items.Select(item => Eval(item, env)).ToImmutableArray());
            case ObjectLiteral o:
            {
                var fields = new OrderedDictionary<string, Value>();
                foreach (var (k, v) in o.Fields) fields[k] = Eval(v, env);
                return new ObjectValue(fields);
            }
            case Projection p: return Project(Eval(p.Target, env), p, env);
            default:
                throw new InvalidOperationException($"No evaluation rule for {e.GetType().Name}");
        }
    }

    private Value Resolve(Identifier id, Env env)
    {
        if (env.TryGet(id.Name, out var v)) return v;
        return Builtins.Resolve(this, id.Name)
               ?? throw QueryException.InvalidQuery($"Unbound variable `{id.Name}`", id.Pos);
    }

    private Value EvalCall(Call c, Env env)
    {
        if (c.Callee is MemberAccess m && !c.Optional)
        {
            var target = Eval(m.Target, env);
            if (m.Optional && IsNullish(target)) return NullValue.Instance;
            var args = EvalArgs(c.Args, env);
            return CallMethod(target, m.Name, args, m.Pos);
        }
        var fn = Eval(c.Callee, env);
        if (c.Optional && IsNullish(fn)) return NullValue.Instance;
        return Invoke(fn, EvalArgs(c.Args, env), c.Pos);
    }

    private List<Value> EvalArgs(IReadOnlyList<Expr> args, Env env)
    {
        var values = new List<Value>(args.Count);
        foreach (var a in args) values.Add(Eval(a, env));
        return values;
    }

    public Value CallMethod(Value target, string name, IReadOnlyList<Value> args, int pos)
    {
        CountCall();
        try
        {
            return Methods.Dispatch.Call(this, target, name, args, pos);
        }
        catch (QueryException ex) when (ex.Pos < 0)
        {
            ex.Pos = pos;
            throw;
        }
    }

    public Value Invoke(Value fn, IReadOnlyList<Value> args, int pos)
    {
        CountCall();
        if (++_callDepth > MaxCallDepth)
        {
            _callDepth = 0;
            throw new QueryException("invalid_query", $"Function calls nest deeper than {MaxCallDepth}: is a function calling itself?", pos);
        }
        try
        {
            switch (fn)
            {
                case LambdaValue l:
                    return Apply(l.Node, l.Closure, args, pos);
                case UserFunctionValue u:
                    // A user function sees only its arguments and the database, never the caller's variables.
                    return Apply(u.Body, null, args, pos);
                case NativeFunctionValue n:
                    try { return n.Invoke(this, args, pos); }
                    catch (QueryException ex) when (ex.Pos < 0)
                    {
                        ex.Pos = pos;
                        throw;
                    }
                case ModuleValue m:
                    return Builtins.CallModule(this, m, args, pos);
                case NullValue:
                    throw QueryException.NullValue("Cannot call null as a function.", pos);
                default:
                    throw QueryException.InvalidQuery($"A value of type {fn.TypeName} is not a function.", pos);
            }
        }
        finally
        {
            if (_callDepth > 0) _callDepth--;
        }
    }

    private Value Apply(Lambda node, Env? closure, IReadOnlyList<Value> args, int pos)
    {
        var scope = new Env(closure);
        var ps = node.Params;
        if (args.Count < ps.Count && !(ps.Count == 1 && ps[0] == ImplicitArg.ParamName && args.Count == 0))
            throw QueryException.InvalidArgument($"The function expects {ps.Count} argument(s) but received {args.Count}.", pos);
        for (var i = 0; i < ps.Count; i++) scope.Define(ps[i], i < args.Count ? args[i] : NullValue.Instance);
        return Eval(node.Body, scope);
    }

    private void CountCall()
    {
        Txn.Meter.Call();
        if ((Txn.Meter.Calls & 63) == 0) CheckDeadline();
    }

    /// <summary>Null, or a reference to a document that does not exist (Fauna's "null document").</summary>
    public bool IsNullish(Value v) => v switch
    {
        NullValue => true,
        DocRefValue d => !Documents.Exists(this, d),
        NamedDocValue n => SchemaDocuments.Read(this, n) == null,
        _ => false,
    };

    private Value AssertNotNull(Value v, int pos)
    {
        switch (v)
        {
            case DocRefValue d when !Documents.Exists(this, d):
                throw new QueryException("document_not_found", $"Collection `{d.Collection}` does not contain document with id {d.Id}.", pos);
            case NamedDocValue n when SchemaDocuments.Read(this, n) == null:
                throw new QueryException("document_not_found", $"{n.Module} `{n.Name}` does not exist.", pos);
            case NullValue:
                throw QueryException.NullValue("Non-null assertion failed: the value is null.", pos);
            default:
                return v;
        }
    }

    public bool Truthy(Value v, string context, int pos = -1) => v switch
    {
        BoolValue b => b.Value,
        NullValue => false,
        _ => throw QueryException.InvalidArgument($"Expected a Boolean in `{context}`, got {v.TypeName}.", pos),
    };

    private Value EvalUnary(Unary u, Env env)
    {
        var v = Eval(u.Operand, env);
        return (u.Op, v) switch
        {
            ("!", BoolValue b) => BoolValue.Of(!b.Value),
            ("-", NumberValue n) => Arithmetic.Negate(n),
            _ => throw Operators.NoSuchOperator(u.Op, v, u.Pos),
        };
    }

    /// <summary>Operators typed as Fauna types them; see <see cref="Operators"/>.</summary>
    private Value EvalBinary(Binary b, Env env)
    {
        switch (b.Op)
        {
            case "&&":
            {
                if (!Operators.Boolean(Eval(b.Left, env), b.Left.Pos)) return BoolValue.False;
                return BoolValue.Of(Operators.Boolean(Eval(b.Right, env), b.Right.Pos));
            }
            case "||":
            {
                if (Operators.Boolean(Eval(b.Left, env), b.Left.Pos)) return BoolValue.True;
                return BoolValue.Of(Operators.Boolean(Eval(b.Right, env), b.Right.Pos));
            }
            case "??":
            {
                var l = Eval(b.Left, env);
                return IsNullish(l) ? Eval(b.Right, env) : l;
            }
        }
        var left = Eval(b.Left, env);
        var right = Eval(b.Right, env);
        return b.Op switch
        {
            "==" => BoolValue.Of(AreEqual(left, right)),
            "!=" => BoolValue.Of(!AreEqual(left, right)),
            "<" or "<=" or ">" or ">=" => Operators.Compare(b.Op, left, right),
            _ => Operators.Arithmetic(b.Op, left, right, b.Pos),
        };
    }

    public bool AreEqual(Value a, Value b)
    {
        if (a is DocRefValue or NamedDocValue && b is NullValue) return IsNullish(a);
        if (b is DocRefValue or NamedDocValue && a is NullValue) return IsNullish(b);
        return ValueComparer.Instance.Equals(a, b);
    }

    private Value Project(Value target, Projection p, Env env)
    {
        switch (target)
        {
            case NullValue: return NullValue.Instance;
            case DocRefValue d when !Documents.Exists(this, d): return NullValue.Instance;
            case NamedDocValue n when SchemaDocuments.Read(this, n) == null: return NullValue.Instance;
            case SetValue s:
                // A lambda (not a native closure) so the set's cursor can still be serialized.
                var each = new Lambda(p.Pos, [ImplicitArg.ParamName], p with { Target = new ImplicitArg(p.Pos) });
                return s.With(new MapStage(new LambdaValue(each, env)));
            case ArrayValue a:
                return new ArrayValue(a.Items.Select(item => Project(item, p, env)).ToImmutableArray());
        }
        var fields = new OrderedDictionary<string, Value>();
        foreach (var (key, fn) in p.Fields) fields[key] = Invoke(new LambdaValue(fn, env), [target], fn.Pos);
        return new ObjectValue(fields);
    }
}
