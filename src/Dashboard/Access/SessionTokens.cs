using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Access;

/// <summary>
/// A session token is 256 random bits, carried only inside the (encrypted) cookie. The store keys sessions by
/// the token's SHA-256, so the store's contents do not let anyone act as a session.
/// </summary>
public static class SessionTokens
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored id of a token: lower-case hex SHA-256 (64 characters).</summary>
    public static string IdOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
