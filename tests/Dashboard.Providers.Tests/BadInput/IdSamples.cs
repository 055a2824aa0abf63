using CsCheck;

namespace Dashboard.Providers.Tests.BadInput;

/// <summary>Which id a step addresses: the real one, or an odd ULID made from it.</summary>
public enum IdPick
{
    Real,
    LowerCase,
    Short25,
    Long27,
    InvalidChar,
    FirstCharPast7,
    UnknownValid,
    Padded,
    Empty,
    Null,
}

/// <summary>Which version a write expects, relative to the stored one, or an extreme.</summary>
public enum VersionPick
{
    Current,
    Stale,
    Ahead,
    Zero,
    Negative,
    Max,
    Min,
}

public static class IdSamples
{
    public static readonly Gen<IdPick> Id = Gen.Frequency(
        (10, Gen.Const(IdPick.Real)),
        (4, Gen.Enum<IdPick>()));

    public static readonly Gen<VersionPick> Version = Gen.Frequency(
        (10, Gen.Const(VersionPick.Current)),
        (3, Gen.Enum<VersionPick>()));

    private const string NotInAlphabet = "ILOU-_é ";

    /// <summary>The id to send; <paramref name="salt"/> picks which character is spoiled, so cases differ.</summary>
    public static string? Resolve(IdPick pick, string real, int salt) => pick switch
    {
        IdPick.Real => real,
        IdPick.LowerCase => real.ToLowerInvariant(),
        IdPick.Short25 => real[..25],
        IdPick.Long27 => real + "0",
        IdPick.InvalidChar => real[..(salt % 25 + 1)] + NotInAlphabet[salt % NotInAlphabet.Length] + real[(salt % 25 + 2)..],
        IdPick.FirstCharPast7 => "8ZZ"[salt % 3] + real[1..],
        IdPick.UnknownValid => "7ZZZZZZZZZZZZZZZZZZZZZZZZZ",
        IdPick.Padded => " " + real,
        IdPick.Empty => "",
        IdPick.Null => null,
        _ => throw new ArgumentOutOfRangeException(nameof(pick)),
    };

    public static long Resolve(VersionPick pick, long current) => pick switch
    {
        VersionPick.Current => current,
        VersionPick.Stale => current - 1,
        VersionPick.Ahead => current + 1,
        VersionPick.Zero => 0,
        VersionPick.Negative => -1,
        VersionPick.Max => long.MaxValue,
        VersionPick.Min => long.MinValue,
        _ => throw new ArgumentOutOfRangeException(nameof(pick)),
    };
}
