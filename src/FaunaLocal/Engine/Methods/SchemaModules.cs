using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FaunaLocal.Engine.Sets;
using FaunaLocal.Storage;
using FaunaLocal.Values;

namespace FaunaLocal.Engine.Methods;

/// <summary>The schema modules: `Collection`, `Database` and `Key`.</summary>
public static partial class SchemaModules
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    public static Value? Collection(Interpreter interp, string name, IReadOnlyList<Value> args)
    {
        switch (name)
        {
            case "create":
            {
                Args.Count(args, 1, 1, "Collection.create");
                var def = Args.Object(args, 0, "Collection.create");
                var collName = def.Get("name") is StringValue s ? s.Value : throw QueryException.InvalidArgument("`Collection.create` needs a `name` (a String).");
                CheckIdentifier(collName, "collection");
                if (NameTaken(interp, collName))
                    throw new QueryException("constraint_failure", $"Failed to create Collection.")
                    {
                        ConstraintFailures = [new ConstraintFailure([["name"]], $"The identifier `{collName}` is already taken.")],
                    };
                var schema = SchemaDefinition.Parse(collName, def, interp.Txn.WriteTs);
                interp.Txn.Write(new PutCollection(interp.Txn.DbPath, schema), 256);
                return new NamedDocValue("Collection", collName);
            }
            case "byName":
                Args.Count(args, 1, 1, "Collection.byName");
                // A missing collection is a null document: `== null`, `.exists()` and `?.` all work on it.
                return new NamedDocValue("Collection", Args.String(args, 0, "Collection.byName"));
            case "all":
                Args.Count(args, 0, 0, "Collection.all");
                return SetValue.FromArray([.. interp.Txn.Db.Collections.Keys.Order(StringComparer.Ordinal).Select(c => (Value)new NamedDocValue("Collection", c))]);
            default:
                return null;
        }
    }

    public static Value? Database(Interpreter interp, string name, IReadOnlyList<Value> args)
    {
        switch (name)
        {
            case "create":
            {
                Args.Count(args, 1, 1, "Database.create");
                var def = Args.Object(args, 0, "Database.create");
                var dbName = def.Get("name") is StringValue s ? s.Value : throw QueryException.InvalidArgument("`Database.create` needs a `name` (a String).");
                CheckIdentifier(dbName, "database");
                if (interp.Txn.Db.Children.ContainsKey(dbName))
                    throw new QueryException("constraint_failure", "Failed to create Database.")
                    {
                        ConstraintFailures = [new ConstraintFailure([["name"]], $"The identifier `{dbName}` is already taken.")],
                    };
                interp.Txn.Write(new PutDatabase(interp.Txn.DbPath, dbName), 128);
                return new NamedDocValue("Database", dbName);
            }
            case "byName":
                Args.Count(args, 1, 1, "Database.byName");
                return new NamedDocValue("Database", Args.String(args, 0, "Database.byName"));
            case "all":
                Args.Count(args, 0, 0, "Database.all");
                return SetValue.FromArray([.. interp.Txn.Db.Children.Keys.Order(StringComparer.Ordinal).Select(c => (Value)new NamedDocValue("Database", c))]);
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
            case "byId":
                Args.Count(args, 1, 1, "Key.byId");
                return new DocRefValue("Key", Args.Id(args[0], "Key.byId"));
            case "all":
                Args.Count(args, 0, 0, "Key.all");
                return Keys(interp);
            case "where":
                Args.Count(args, 1, 1, "Key.where");
                return Keys(interp).With(new WhereStage(Args.Function(args, 0, "Key.where")));
            default:
                return null;
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
