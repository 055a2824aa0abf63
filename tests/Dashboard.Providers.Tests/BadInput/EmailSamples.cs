using CsCheck;

namespace Dashboard.Providers.Tests.BadInput;

/// <summary>
/// Emails: fresh valid ones (full-width, upper-case, non-Latin, at the length limit), lookalikes of the anchor
/// user's <see cref="Anchor"/> (full-width, zero-width and other invisible characters, a Cyrillic homoglyph, accents),
/// bad shapes, and free-text fragments with an @.
/// </summary>
public static class EmailSamples
{
    public const string Anchor = "ada@example.com";

    private static readonly string[] Locals = ["ada", "Ada.Lovelace", "o'brien", "user+tag", "ädä", "山田", "😀", "ａｄａ", "ADA", "x"];
    private static readonly string[] Domains = ["example.com", "EXAMPLE.COM", "ｅｘａｍｐｌｅ.com", "例え.jp", "sub.example.co.uk", "ｅｘａｍｐｌｅ．ｃｏｍ"];

    /// <summary>The anchor's address in forms that fold to it: each must be refused as in use.</summary>
    private static readonly string[] SameAddress = [Anchor, "ADA@EXAMPLE.COM", "ａｄａ@example.com", "ada@ｅｘａｍｐｌｅ．ｃｏｍ", " ada@example.com ", "Ａda@Example.com"];

    /// <summary>
    /// Distinct addresses that only an accent- or case-blind comparison would merge with the anchor (a wrong
    /// collation would): each is stored once, and refused as in use when it comes again.
    /// </summary>
    private static readonly string[] AccentVariants = ["adá@example.com", "àda@example.com", "ada@exämple.com", "adå@example.com", "aða@example.com", "adı@example.com", "aſa@example.com", "ädä@example.com"];

    private static readonly string[] Lookalikes =
    [
        .. SameAddress, "ada\u200B@example.com",
        "a\u00ADda@example.com", "\u2060ada@example.com", "ada@example.com\uFEFF", "ada\uFE0F@example.com", "ada\u200D@example.com",
        "ada@exa\u200Cmple.com", "ada\U000E0041@example.com", "\u202Eada@example.com", "ada@\u0435xample.com", "ada\u3164@example.com",
    ];

    private static readonly string[] BadShapes =
    [
        "", " ", "no-at", "a@@b.com", "a@b", "@example.com", "a@.com", "a@example.com.", "a b@example.com", "a\u00A0b@example.com",
        new string('l', 65) + "@example.com", new string('l', 64) + "@" + new string('d', 186) + ".com", "a@example.com\0", "a\uD800@example.com",
        "ａ＠ｂ", "a@\uFFFEexample.com",
    ];

    /// <summary>Exactly 254 characters: the longest address the rules and the columns take.</summary>
    private static readonly string Longest = new string('l', 64) + "@" + new string('d', 185) + ".com";

    private static readonly Gen<string> Token = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[8].Select(c => new string(c));

    /// <summary>A new, valid address (a random token keeps it unused), written in one of many equivalent forms.</summary>
    public static readonly Gen<Sample<string?>> Fresh =
        Gen.Select(Gen.OneOf(Locals), Token, Gen.OneOf(Domains), (l, t, d) => new Sample<string?>($"{l}.{t}@{d}", true));

    public static readonly Gen<Sample<string?>> Any = Gen.Frequency(
        (8, Fresh),
        (3, Gen.OneOf(Lookalikes).Select(e => new Sample<string?>(e, false))),
        (1, Gen.OneOf(SameAddress).Select(e => new Sample<string?>(e, true))),
        (1, Gen.OneOf(AccentVariants).Select(e => new Sample<string?>(e, true))),
        (3, Gen.OneOf(BadShapes).Select(e => new Sample<string?>(e, false))),
        (1, Gen.OneOf<string?>(null, Longest).Select(e => new Sample<string?>(e, e is not null))),
        (3, Gen.Select(Gen.OneOf(TextSamples.Fragments), Token, (f, t) => new Sample<string?>($"{f.Text}{t}@example.com", false))));

    public static readonly Gen<Sample<string?>> AvatarUrl = Gen.OneOf(
        Sample.Of(null, true), Sample.Of("", true), Sample.Of("  ", true), Sample.Of("https://example.com/a.png", true), Sample.Of(" http://example.com/x ", true),
        Sample.Of("https://例え.jp/😀.png", true), Sample.Of("https://example.com/" + new string('a', 2048 - 20), true),
        Sample.Of("https://example.com/" + new string('a', 2048 - 19), false), Sample.Of("ftp://example.com/a.png", false), Sample.Of("not a url", false),
        Sample.Of("javascript:alert(1)", false), Sample.Of("https://exa\u200Bmple.com/a.png", false), Sample.Of("https://example.com/\u202Egnp.exe", false),
        Sample.Of("https://example.com/\uD800", false), Sample.Of("/relative.png", false));
}
