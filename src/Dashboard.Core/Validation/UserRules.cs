using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Core.Validation;

/// <summary>
/// Validation and normalisation of user input: an email (unique per tenant, compared and stored lower-case), a
/// name, an optional absolute http(s) avatar URL, each within the limits below.
/// </summary>
public static partial class UserRules
{
    public const int NameMax = 100;
    public const int EmailMax = 254;
    public const int AvatarUrlMax = 2048;

    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")]
    private static partial Regex EmailShape();

    /// <summary>Returns the cleaned values or throws a validation error naming each bad field.</summary>
    public static UserChanges Normalize(string? email, string? name, string? avatarUrl)
    {
        var errors = new ValidationErrors();
        var cleanEmail = NormalizeEmail(email ?? "");
        TextRules.Check(errors, "email", cleanEmail, "Email", EmailMax);
        TextRules.CheckVisible(errors, "email", cleanEmail, "Email");
        if (!errors.Has("email") && !EmailShape().IsMatch(cleanEmail))
            errors.Add("email", "Email must look like name@example.com.");

        var cleanName = TextRules.Clean(name ?? "");
        TextRules.Check(errors, "name", cleanName, "Name", NameMax);

        var cleanAvatar = string.IsNullOrWhiteSpace(avatarUrl) ? null : avatarUrl.Trim();
        TextRules.Check(errors, "avatarUrl", cleanAvatar, "Avatar URL", AvatarUrlMax, required: false);
        TextRules.CheckVisible(errors, "avatarUrl", cleanAvatar, "Avatar URL");
        if (cleanAvatar is not null && !errors.Has("avatarUrl") && !HttpUrls.IsAbsoluteHttp(cleanAvatar))
            errors.Add("avatarUrl", "Avatar URL must be an absolute http or https address.");

        errors.ThrowIfAny();
        return new UserChanges(cleanEmail, cleanName, cleanAvatar);
    }

    /// <summary>
    /// The form an email is stored, looked up and kept unique in: trimmed, compatibility-folded (NFKC, so
    /// full-width "ａｄａ@ｅｘａｍｐｌｅ.ｃｏｍ" is "ada@example.com") and lower-case. Folding again changes nothing.
    /// Malformed text is only trimmed, for <see cref="TextRules.Check"/> to refuse.
    /// </summary>
    public static string NormalizeEmail(string email)
    {
        var trimmed = email.Trim();
        if (!TextRules.IsWellFormed(trimmed)) return trimmed;
        // Lower-casing can undo a composition NFKC made, so normalise once more; the result is a fixed point.
        return trimmed.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Normalize(NormalizationForm.FormKC);
    }

    /// <summary>
    /// The refusal of an email that another user of the tenant has, whichever way the backend keeps emails unique
    /// (a marker item, a unique index, a unique constraint): the same field and words on every backend.
    /// </summary>
    public static ValidationException EmailTaken() => new("email", "This email is already used by another user.");
}
