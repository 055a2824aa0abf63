using System.Text;
using CsCheck;

namespace Dashboard.Providers.Tests.BadInput;

/// <summary>How a piece of text fares under the rules: in names (user and product) and in identifiers (product ids).</summary>
public enum FragmentKind
{
    /// <summary>Accepted everywhere.</summary>
    Plain,
    /// <summary>Visible, accepted in names, refused in identifiers (it holds a joiner, mark or selector).</summary>
    NameOnly,
    /// <summary>Invisible on its own: accepted in a name beside visible text, refused in identifiers.</summary>
    Invisible,
    /// <summary>Anything the rules may refuse: controls, broken or non-characters, bidi overrides and isolates.</summary>
    Suspect,
}

public sealed record Fragment(string Text, FragmentKind Kind);

/// <summary>Free text: scripts, emoji, format and invisible characters, bidi controls, broken Unicode, lengths at every bound.</summary>
public static class TextSamples
{
    public static readonly Fragment[] Fragments =
    [
        .. Of(FragmentKind.Plain,
            "Ada", "Lovelace", "O'Brien", "José", "Jose\u0301", "Zoë", "Łukasz", "ß", "\u0130stanbul", "\uFB01le", "\u2460",
            "Ｆｕｌｌ", "山田太郎", "محمد", "שלום", "Ελένη", "Дмитрий", "🇺🇸", "😀", "𝔘𝔫𝔦", "\U00010437", "Z\u0324\u0354\u0367\u0311a\u0308\u0356",
            "NaN", "Infinity", "-Infinity", "1e28", "79228162514264337593543950335", "-0", "null", "'; DROP TABLE users; --",
            "\" OR 1=1 --", "%_\\", "${name}", "@object", "{\"@int\":\"1\"}", "<script>alert(1)</script>", "\uFFFC", "\uE000",
            "\U000F0000", "a\u2028b", "e\u0301\u0301\u0301"),
        .. Of(FragmentKind.NameOnly, "👩\u200D💻", "❤\uFE0F", "می\u200Cخواهم", "\u200FRTL", "x\u00ADy", "\u2060Ada", "Ada\U000E0041"),
        .. Of(FragmentKind.Invisible, "\u200B", "\u200D", "\uFEFF", "\u3164", "\u034F", "\uFE0F", "\U000E0020"),
        .. Of(FragmentKind.Suspect,
            "\u202E", "\u202A", "\u202D", "\u2066", "\u2069", "\0", "\t", "\n", "\r\n", "\u007F", "\u0085", "\u009F", "\u001B[31m",
            "\uD800", "\uDC00", "\uDC00\uD800", "x\uD83D", "\uFFFE", "\uFFFF", "\uFDD0", "\U0010FFFF", "\U0001FFFE"),
    ];

    private static IEnumerable<Fragment> Of(FragmentKind kind, params string[] texts) => texts.Select(t => new Fragment(t, kind));

    private static readonly Gen<Fragment> AnyFragment = Gen.OneOf(Fragments);
    private static readonly Gen<Fragment> PlainFragment = Gen.OneOf(Fragments.Where(f => f.Kind == FragmentKind.Plain).ToArray());
    private static readonly Gen<Fragment> NameOnlyFragment = Gen.OneOf(Fragments.Where(f => f.Kind == FragmentKind.NameOnly).ToArray());

    /// <summary>What the service stores for accepted text: trimmed, NFC.</summary>
    public static string Cleaned(string text) => text.Trim().Normalize(NormalizationForm.FormC);

    public static int Characters(string text) => text.EnumerateRunes().Count();

    /// <summary>A user name or product name of at most <paramref name="max"/> characters.</summary>
    public static Gen<Sample<string?>> Name(int max) => Text(max, identifier: false);

    /// <summary>Text certainly accepted as an id (and as a name): plain fragments, within the limit or exactly at it.</summary>
    public static Gen<Sample<string?>> PlainName(int max) => Gen.Frequency(
        (8, Composite(PlainFragment, max, identifier: true)),
        (1, PlainFragment.Select(f => AtLimit(f, max, identifier: true))));

    /// <summary>Text a name accepts: plain fragments and visible ones with joiners, marks or selectors, up to the limit.</summary>
    public static Gen<Sample<string?>> FriendlyName(int max) => Gen.Frequency(
        (8, Composite(Gen.Frequency((3, PlainFragment), (1, NameOnlyFragment)), max, identifier: false)),
        (1, Gen.Frequency((3, PlainFragment), (1, NameOnlyFragment)).Select(f => AtLimit(f, max, identifier: false))));

    /// <summary>Exactly <paramref name="max"/> characters after NFC: the fragment repeated, topped up with "x".</summary>
    private static Sample<string?> AtLimit(Fragment f, int max, bool identifier)
    {
        var per = Characters(Cleaned(f.Text));
        var count = max / per;
        var text = string.Concat(Enumerable.Repeat(f.Text, count));
        text += new string('x', max - Characters(Cleaned(text)));
        return Judge(text, [f], max, identifier);
    }

    /// <summary>A product id: like a name, but nothing invisible is accepted.</summary>
    public static Gen<Sample<string?>> Identifier(int max) => Text(max, identifier: true);

    private static Gen<Sample<string?>> Text(int max, bool identifier) => Gen.Frequency(
        (1, Gen.OneOf<string?>(null, "", " ", "\t \u3000\u00A0").Select(s => new Sample<string?>(s, false))),
        (8, Composite(PlainFragment, max, identifier)),
        (6, Composite(AnyFragment, max, identifier)),
        (3, Gen.Select(PlainFragment, Gen.OneOf(-1, 0, 1, 5000), (f, delta) => Repeat(f, max, delta, identifier))));

    private static Gen<Sample<string?>> Composite(Gen<Fragment> fragment, int max, bool identifier) =>
        fragment.List[1, 4].Select(Gen.OneOf(" ", "", "-"), (parts, separator) => Judge(string.Join(separator, parts.Select(p => p.Text)), parts, max, identifier));

    /// <summary>A fragment repeated to just under, at or just over the limit (counted after NFC), or far past it.</summary>
    private static Sample<string?> Repeat(Fragment f, int max, int delta, bool identifier)
    {
        var per = Characters(Cleaned(f.Text));
        var count = Math.Max(1, (max + delta) / Math.Max(1, per));
        var text = string.Concat(Enumerable.Repeat(f.Text, count));
        return Judge(text, [f], max, identifier);
    }

    private static Sample<string?> Judge(string text, IReadOnlyList<Fragment> parts, int max, bool identifier)
    {
        var kindsOk = identifier
            ? parts.All(p => p.Kind == FragmentKind.Plain)
            : parts.All(p => p.Kind != FragmentKind.Suspect) && parts.Any(p => p.Kind is FragmentKind.Plain or FragmentKind.NameOnly);
        return new(text, kindsOk && Characters(Cleaned(text)) <= max);
    }
}
