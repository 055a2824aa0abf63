namespace Dashboard.Core.Jump;

public enum JumpKind
{
    /// <summary>Nothing to look for.</summary>
    Empty,
    /// <summary>A ULID: orders and users share the id format, so it is looked up as both.</summary>
    Id,
    Email,
    /// <summary>Anything else: a search of the users list.</summary>
    Text,
}

/// <summary>
/// What a person pasted into the jump box, classified. Pasted text is forgiving: surrounding spaces, quotes
/// and angle brackets go, an id may be in lower case (Crockford base32 ignores case) or be the last part of a
/// dashboard link, and "mailto:" is dropped from an email.
/// </summary>
public sealed record JumpInput(JumpKind Kind, string Value)
{
    public const int MaxLength = 320;

    public static JumpInput Classify(string? raw)
    {
        var text = (raw ?? "").Trim().Trim('"', '\'', '<', '>', '`', '(', ')', '[', ']').Trim();
        if (text.Length == 0) return new(JumpKind.Empty, "");
        if (text.Length > MaxLength) return new(JumpKind.Text, text[..MaxLength]);

        if (IdIn(text) is { } id) return new(JumpKind.Id, id);
        var email = text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? text[7..] : text;
        if (LooksLikeEmail(email)) return new(JumpKind.Email, UserRules.NormalizeEmail(email));
        return new(JumpKind.Text, text);
    }

    /// <summary>A ULID on its own or as the last segment of a link such as ".../t/acme/orders/01J…".</summary>
    private static string? IdIn(string text)
    {
        var candidate = text;
        if (text.Contains('/'))
        {
            var path = text.Split('?', '#')[0].TrimEnd('/');
            candidate = path[(path.LastIndexOf('/') + 1)..];
        }
        var upper = candidate.ToUpperInvariant();
        return UlidGenerator.IsValid(upper) ? upper : null;
    }

    /// <summary>One @ with something before it and a dotted domain after it, and no spaces: a whole address, not a search.</summary>
    private static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@');
        if (at <= 0 || at != text.LastIndexOf('@') || text.Any(char.IsWhiteSpace)) return false;
        var domain = text[(at + 1)..];
        var dot = domain.IndexOf('.');
        return dot > 0 && dot < domain.Length - 1;
    }
}
