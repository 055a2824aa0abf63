using System.Text.RegularExpressions;
using Dashboard.Core.Domain;

namespace Dashboard.Core.Validation;

/// <summary>Validation and normalisation of user input (DESIGN §2).</summary>
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
        if (!errors.Has("email") && !EmailShape().IsMatch(cleanEmail))
            errors.Add("email", "Email must look like name@example.com.");

        var cleanName = TextRules.Clean(name ?? "");
        TextRules.Check(errors, "name", cleanName, "Name", NameMax);

        var cleanAvatar = string.IsNullOrWhiteSpace(avatarUrl) ? null : avatarUrl.Trim();
        TextRules.Check(errors, "avatarUrl", cleanAvatar, "Avatar URL", AvatarUrlMax, required: false);
        if (cleanAvatar is not null && !errors.Has("avatarUrl") && !IsHttpUrl(cleanAvatar))
            errors.Add("avatarUrl", "Avatar URL must be an absolute http or https address.");

        errors.ThrowIfAny();
        return new UserChanges(cleanEmail, cleanName, cleanAvatar);
    }

    /// <summary>Emails are unique case-insensitively, so they are stored lower-case.</summary>
    public static string NormalizeEmail(string email) => TextRules.Clean(email).ToLowerInvariant();

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
