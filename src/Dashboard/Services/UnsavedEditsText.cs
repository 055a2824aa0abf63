using Dashboard.Core.Domain;

namespace Dashboard.Services;

/// <summary>
/// A form's unsaved values in words, for the notice shown when they are lost with their server (see
/// UnsavedEditsMarker): only what differs from the stored version, as typed, so it can be entered again.
/// </summary>
public static class UnsavedEditsText
{
    public static string Of(OrderDraft draft)
    {
        var parts = new List<string>();
        if (draft.Status != draft.Basis.Status) parts.Add($"status {draft.Status} (was {draft.Basis.Status})");
        var items = draft.Items.Select(i => i.ToItem()).ToList();
        if (draft.Items.Any(i => i.HasTypingProblem) || !items.SequenceEqual(draft.Basis.Items))
            parts.Add("items: " + string.Join("; ", draft.Items.Select(i =>
                $"{i.QuantityText} × {(string.IsNullOrWhiteSpace(i.ProductName) ? "(no name)" : i.ProductName)} at {i.PriceText}")));
        return string.Join(", ", parts);
    }

    public static string OfUser(User basis, string? email, string? name, string? avatarUrl)
    {
        var parts = new List<string>();
        if (email != basis.Email) parts.Add($"email {email}");
        if (name != basis.Name) parts.Add($"name {name}");
        if ((avatarUrl ?? "") != (basis.AvatarUrl ?? "")) parts.Add(string.IsNullOrEmpty(avatarUrl) ? "avatar removed" : $"avatar {avatarUrl}");
        return string.Join(", ", parts);
    }
}
