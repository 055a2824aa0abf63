using System.Security.Cryptography;

namespace Dashboard.Core.Domain;

/// <summary>
/// ULIDs (26 chars, Crockford base32): 48-bit millisecond time + 80 random bits, so ids sort by creation time as
/// strings. The encoding is the Ulid package's. What stays ours is what it does not do: ids made in the same
/// millisecond by one generator stay ordered (the random part is incremented, the specification's monotonic
/// mode; the package draws new random bits each time), a chosen random source (seeded demo data), and a strict
/// <see cref="IsValid"/> (the package's parser accepts lower case and reads letters outside the alphabet as noise).
/// </summary>
public sealed class UlidGenerator
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private readonly Func<int, byte[]> _random;
    private readonly Lock _gate = new();
    private long _lastMs = -1;
    private readonly byte[] _lastRandom = new byte[10];

    public UlidGenerator() : this(RandomNumberGenerator.GetBytes) { }

    /// <summary>A generator with a chosen source of random bytes (seeded for deterministic demo data).</summary>
    public UlidGenerator(Func<int, byte[]> random) => _random = random;

    public static UlidGenerator Shared { get; } = new();

    public string Next(DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        if (ms < 0 || ms > 0xFFFF_FFFF_FFFF) throw new ArgumentOutOfRangeException(nameof(at));
        lock (_gate)
        {
            if (ms == _lastMs)
            {
                Increment(_lastRandom);
            }
            else
            {
                _lastMs = ms;
                _random(10).CopyTo(_lastRandom, 0);
            }
            return Ulid.NewUlid(at, _lastRandom).ToString();
        }
    }

    private static void Increment(byte[] bytes)
    {
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            if (++bytes[i] != 0) return;
        }
        throw new InvalidOperationException("ULID random part overflowed within one millisecond.");
    }

    public static bool IsValid(string? id) =>
        id is { Length: 26 } && id[0] <= '7' && id.All(c => Alphabet.Contains(c));
}
