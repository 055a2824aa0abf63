using Microsoft.AspNetCore.Identity;

namespace Dashboard.Access;

/// <summary>
/// A password hash for no account, verified when the email is unknown so that an unknown email costs the same
/// PBKDF2 work as a wrong password (otherwise the time taken tells which emails are accounts). It uses the
/// iteration count most configured accounts use, and is remade when that changes.
/// </summary>
public sealed class UnknownAccountHash(IOptionsMonitor<AuthOptions> options)
{
    public const int DefaultIterations = 100_000;
    private (int Iterations, string Hash)? _current;

    public string Hash
    {
        get
        {
            var iterations = TypicalIterations(options.CurrentValue.LocalAccounts);
            var current = _current;
            if (current is { } c && c.Iterations == iterations) return c.Hash;
            var hasher = new PasswordHasher<LocalAccount>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }));
            var made = (iterations, hasher.HashPassword(new LocalAccount(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));
            _current = made;
            return made.Item2;
        }
    }

    public static int TypicalIterations(IEnumerable<LocalAccount> accounts) =>
        accounts.Select(a => IterationsOf(a.PasswordHash)).OfType<int>()
            .GroupBy(i => i).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key)
            .Select(g => g.Key).FirstOrDefault(DefaultIterations);

    /// <summary>The PBKDF2 iteration count of an ASP.NET Core Identity v3 hash (0x01, PRF, iterations, salt size — big-endian).</summary>
    public static int? IterationsOf(string? hash)
    {
        if (string.IsNullOrEmpty(hash)) return null;
        Span<byte> bytes = stackalloc byte[hash.Length];
        if (!Convert.TryFromBase64String(hash, bytes, out var length) || length < 13 || bytes[0] != 0x01) return null;
        var iterations = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(5, 4));
        return iterations > 0 ? iterations : null;
    }
}
