namespace FaunaLocal.Server;

public sealed record Principal(ImmutableArray<string> DbPath, string Role)
{
    public bool ReadOnly => Role == "server-readonly";
}

/// <summary>
/// Maps a bearer secret to a database and role: the root secret, a key made by `Key.create`, or Fauna's
/// scoped form `secret:child/grandchild:role` that narrows a secret to a descendant database.
/// </summary>
public sealed class SecretResolver(string rootSecret)
{
    private static readonly HashSet<string> Roles = ["admin", "server", "server-readonly"];

    public Principal? Resolve(string token, StoreState state)
    {
        var parts = token.Split(':');
        if (parts.Length > 3) return null;
        Principal? principal = parts[0] == rootSecret
            ? new Principal([], "admin")
            : state.Keys.TryGetValue(parts[0], out var key) ? new Principal(key.Path, key.Role) : null;
        if (principal == null) return null;
        if (parts.Length >= 2 && parts[1].Length > 0)
        {
            var path = principal.DbPath.AddRange(parts[1].Split('/'));
            if (state.Root.Navigate(path) == null) return null;
            principal = principal with { DbPath = path };
        }
        if (parts.Length == 3)
        {
            if (!Roles.Contains(parts[2]) || (principal.ReadOnly && parts[2] != "server-readonly")) return null;
            principal = principal with { Role = parts[2] };
        }
        return state.Root.Navigate(principal.DbPath) == null ? null : principal;
    }
}
