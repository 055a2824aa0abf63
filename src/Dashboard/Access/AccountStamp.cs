using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Access;

/// <summary>
/// A local account's security stamp: a hash of everything that decides what its sessions may do (email, password
/// hash, role, grants) and the operator's <see cref="LocalAccount.SecurityStamp"/>. A session keeps the stamp
/// it was made with; when the account changes, the stamps differ and the session is over.
/// </summary>
public static class AccountStamp
{
    public static string Of(LocalAccount account)
    {
        var parts = string.Join('\n',
            Normalize(account.Email), account.PasswordHash, account.Role.ToString(),
            string.Join(',', account.Tenants.Order(StringComparer.Ordinal)), account.SecurityStamp ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(parts)));
    }

    public static string Normalize(string? email) => (email ?? "").Trim().ToLowerInvariant();
}
