using System.Text;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Validation;

namespace Dashboard.Tests.Domain;

/// <summary>Text that looks like something else is refused or folded before it is stored.</summary>
public sealed class LookalikeTextTests
{
    private static ValidationException Refused(string? email, string? name, string? avatarUrl = null) =>
        Assert.Throws<ValidationException>(() => UserRules.Normalize(email, name, avatarUrl));

    [Theory]
    [InlineData("ａｄａ@example.com")]
    [InlineData("ＡＤＡ＠ＥＸＡＭＰＬＥ．ＣＯＭ")]
    [InlineData(" Ada@Example.com ")]
    [InlineData("ada@example\uFF0Ecom")]
    public void Full_width_and_upper_case_emails_fold_to_one_address(string email) =>
        Assert.Equal("ada@example.com", UserRules.Normalize(email, "Ada", null).Email);

    [Theory]
    [InlineData("ada\u200B@example.com", "zero-width space")]
    [InlineData("ada\u200C@example.com", "zero-width non-joiner")]
    [InlineData("ada\u200D@example.com", "zero-width joiner")]
    [InlineData("a\u00ADda@example.com", "soft hyphen")]
    [InlineData("ada\u2060@example.com", "word joiner")]
    [InlineData("\uFEFFada@example.com", "byte order mark")]
    [InlineData("ada@exa\u200Emple.com", "left-to-right mark")]
    [InlineData("ada@example.com\u202E", "right-to-left override")]
    [InlineData("ada\U000E0041@example.com", "tag letter (outside the BMP)")]
    [InlineData("ada\uFE0F@example.com", "variation selector")]
    [InlineData("ada\u3164@example.com", "Hangul filler")]
    public void Emails_with_invisible_characters_are_refused(string email, string what)
    {
        var error = Refused(email, "Ada");
        Assert.True(error.Errors.TryGetValue("email", out var messages), what);
        Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m)));
    }

    [Theory]
    [InlineData("\u202EevilGnp.exe")]
    [InlineData("Ada \u202ALovelace\u202C")]
    [InlineData("Ada \u202BLovelace")]
    [InlineData("Ada\u202D")]
    [InlineData("\u2066Ada\u2069")]
    [InlineData("\u2067Ada")]
    [InlineData("\u2068Ada")]
    public void Names_with_bidi_overrides_or_isolates_are_refused(string name)
    {
        var error = Refused("ada@example.com", name);
        Assert.Contains("bidirectional", Assert.Single(error.Errors["name"]));
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData(" \u200D\u00AD ")]
    [InlineData("\uFEFF")]
    public void Names_of_only_invisible_characters_are_refused(string name) =>
        Assert.Contains("name", Refused("ada@example.com", name).Errors.Keys);

    [Theory]
    [InlineData("👩‍💻 Ada")] // a ZWJ emoji sequence
    [InlineData("می\u200Cخواهم")] // Persian needs the zero-width non-joiner
    [InlineData("\u05E9\u05DC\u05D5\u05DD Ada")] // Hebrew beside Latin, no controls
    [InlineData("Ada \u200FLovelace")] // a right-to-left mark is a hint, not an override
    public void Names_keep_the_joiners_and_marks_scripts_need(string name) =>
        Assert.Equal(name.Normalize(NormalizationForm.FormC), UserRules.Normalize("ada@example.com", name, null).Name);

    [Fact]
    public void Avatar_urls_with_invisible_characters_are_refused() =>
        Assert.Contains("avatarUrl", Refused("ada@example.com", "Ada", "https://exa\u200Bmple.com/a.png").Errors.Keys);

    [Theory]
    [InlineData("SKU\u200B1", "items[0].productId")]
    [InlineData("SKU-1\u202E", "items[0].productId")]
    [InlineData("\u200B", "items[0].productId")]
    public void Product_ids_with_invisible_characters_are_refused(string productId, string field)
    {
        var errors = new ValidationErrors();
        OrderRules.CheckItems(errors, [new OrderItem(productId, "Thing", 1, 1m)]);
        Assert.Contains(field, errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("Thing \u202Egnp.exe")]
    [InlineData("\u2066Thing\u2069")]
    public void Product_names_with_bidi_controls_are_refused(string productName)
    {
        var errors = new ValidationErrors();
        OrderRules.CheckItems(errors, [new OrderItem("SKU-1", productName, 1, 1m)]);
        Assert.Contains("bidirectional", Assert.Single(errors.ToDictionary()["items[0].productName"]));
    }

    /// <summary>
    /// Every code point, inside an address: folding a folded email changes nothing, so a stored email always
    /// finds itself again and the uniqueness check sees the same text the store keeps.
    /// </summary>
    [Fact]
    public void Folding_an_email_twice_changes_nothing_for_every_code_point()
    {
        var unstable = new List<string>();
        for (var c = 0; c <= 0x10FFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF) continue;
            var email = "a" + char.ConvertFromUtf32(c) + "b@example.com";
            var once = UserRules.NormalizeEmail(email);
            if (UserRules.NormalizeEmail(once) != once) unstable.Add($"U+{c:X4}");
        }
        Assert.Empty(unstable);
    }

    [Theory]
    [InlineData("Ada\uFFFE")]
    [InlineData("Ada\uFFFF")]
    [InlineData("Ada\uFDD0")]
    [InlineData("Ada\U0010FFFF")]
    public void Names_with_noncharacters_are_a_validation_error(string name) =>
        Assert.Contains("name", Refused("ada@example.com", name).Errors.Keys);

    /// <summary>
    /// Each character of the BMP (lone surrogates included), of planes 1 (emoji, historic scripts) and 14 (tags,
    /// variation selectors), and each plane's noncharacters, in every text field: a value or a validation error.
    /// </summary>
    [Fact]
    public void No_single_character_makes_validation_throw_anything_else()
    {
        var unexpected = new List<string>();
        var codePoints = Enumerable.Range(0, 0x20000).Concat(Enumerable.Range(0xE0000, 0x10000))
            .Concat(Enumerable.Range(2, 15).SelectMany(plane => new[] { plane * 0x10000 + 0xFFFE, plane * 0x10000 + 0xFFFF }));
        foreach (var c in codePoints)
        {
            var text = c is >= 0xD800 and <= 0xDFFF ? ((char)c).ToString() : char.ConvertFromUtf32(c);
            try
            {
                try { UserRules.Normalize($"a{text}b@example.com", $"A{text}", $"https://example.com/{text}"); }
                catch (ValidationException) { }
                var errors = new ValidationErrors();
                OrderRules.Total(errors, OrderRules.CheckItems(errors, [new OrderItem($"P{text}", $"N{text}", 1, 1m)]));
            }
            catch (Exception e)
            {
                unexpected.Add($"U+{c:X4}: {e.GetType().Name}");
            }
        }
        Assert.Empty(unexpected);
    }
}
