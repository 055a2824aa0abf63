using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace FaunaLocal.Engine.Methods;

/// <summary>The schema modules: `Collection`, `Database` and `Key`.</summary>
public static partial class SchemaModules
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    public static Value? Collection(Interpreter interp, string name, IReadOnlyList<Value> args) =>
        Named("Collection", name, args,
            taken: collName => NameTaken(interp, collName),
            create: (collName, def) =>
                interp.Txn.Write(new PutCollection(interp.Txn.DbPath, SchemaDefinition.Parse(collName, def, interp.Txn.WriteTs)), 256),
            names: () => interp.Txn.Db.Collections.Keys);

    public static Value? Database(Interpreter interp, string name, IReadOnlyList<Value> args) =>
        Named("Database", name, args,
            taken: dbName => interp.Txn.Db.Children.ContainsKey(dbName),
            create: (dbName, _) => interp.Txn.Write(new PutDatabase(interp.Txn.DbPath, dbName), 128),
            names: () => interp.Txn.Db.Children.Keys);

    /// <summary>
    /// What the modules of named schema documents (`Collection`, `Database`, `Function`) share: `create` with a
    /// definition holding a free, valid `name`; `byName`; `all` in name order. Null for any other method.
    /// </summary>
    public static Value? Named(string kind, string name, IReadOnlyList<Value> args, Func<string, bool> taken,
        Action<string, ObjectValue> create, Func<IEnumerable<string>> names)
    {
        switch (name)
        {
            case "create":
            {
                Args.Count(args, 1, 1, $"{kind}.create");
                var def = Args.Object(args, 0, $"{kind}.create");
                var newName = def.Get("name") is StringValue s ? s.Value : throw QueryException.InvalidArgument($"`{kind}.create` needs a `name` (a String).");
                CheckIdentifier(newName, kind.ToLowerInvariant());
                if (taken(newName))
                    throw new QueryException("constraint_failure", $"Failed to create {kind}.")
                    {
                        ConstraintFailures = [new ConstraintFailure([["name"]], $"The identifier `{newName}` is already taken.")],
                    };
                create(newName, def);
                return new NamedDocValue(kind, newName);
            }
            case "byName":
                Args.Count(args, 1, 1, $"{kind}.byName");
                // A missing one is a null document: `== null`, `.exists()` and `?.` all work on it.
                return new NamedDocValue(kind, Args.String(args, 0, $"{kind}.byName"));
            case "all":
                Args.Count(args, 0, 0, $"{kind}.all");
                return SetValue.FromArray([.. names().Order(StringComparer.Ordinal).Select(n => (Value)new NamedDocValue(kind, n))]);
            default:
                return null;
        }
    }

    private static readonly HashSet<string> Roles = ["admin", "server", "server-readonly"];

    public static Value? Key(Interpreter interp, string name, IReadOnlyList<Value> args)
    {
        switch (name)
        {
            case "create":
            {
                Args.Count(args, 1, 1, "Key.create");
                var def = Args.Object(args, 0, "Key.create");
                var role = def.Get("role") is StringValue r ? r.Value : throw QueryException.InvalidArgument("`Key.create` needs a `role`.");
                if (!Roles.Contains(role))
                    throw QueryException.InvalidArgument($"Unsupported role `{role}`: FaunaLocal knows admin, server and server-readonly.");
                var path = interp.Txn.DbPath;
                if (def.Get("database") is StringValue db)
                {
                    if (!interp.Txn.Db.Children.ContainsKey(db.Value))
                        throw QueryException.InvalidArgument($"Database `{db.Value}` does not exist.");
                    path = path.Add(db.Value);
                }
                var id = interp.Txn.Store.NewId();
                var secret = "fn" + Base64Url(RandomNumberGenerator.GetBytes(30));
                interp.Txn.Write(new PutKey(new KeyRecord(id, secret, path, role, interp.Txn.WriteTs)), 128);
                return new DocRefValue("Key", id);
            }
            default:
                return CollectionMethods.ById("Key", "Key.", name, args, () => Keys(interp));
        }
    }

    /// <summary>The keys of this database and of its child databases, as documents of `Key`, oldest first.</summary>
    private static SetValue Keys(Interpreter interp)
    {
        var here = interp.Txn.DbPath;
        var keys = interp.Txn.State.Keys.Values
            .Where(k => k.Path.Length <= here.Length + 1 && k.Path.Take(here.Length).SequenceEqual(here))
            .OrderBy(k => k.Id)
            .Select(k => (Value)new DocRefValue("Key", k.Id));
        return SetValue.FromArray([.. keys]);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Collections and functions share one namespace: both are called by name.</summary>
    public static bool NameTaken(Interpreter interp, string name) =>
        interp.Txn.Collection(name) != null || interp.Txn.Db.Functions.ContainsKey(name);

    public static void CheckIdentifier(string name, string what)
    {
        if (!IdentifierPattern().IsMatch(name) || Builtins.IsReserved(name) || name is "true" or "false" or "null" or "let" or "if" or "else")
            throw QueryException.InvalidArgument($"Invalid {what} name `{name}`: use a letter or `_` followed by letters, digits or `_`, and not a reserved name.");
    }
}
