namespace Dashboard.Services;

/// <summary>
/// A form's unsaved values in words, for the notice shown when they are lost with their server (see
/// UnsavedChangesGuard): only what differs from the stored version, as typed, so it can be entered again.
/// </summary>
public static class UnsavedEditsText
{
    public static string Of(OrderDraft draft)
    {
        var parts = new List<string>();
        if (draft.Status != draft.Basis.Status) parts.Add($"status {draft.Status} (was {draft.Basis.Status})");
        if (draft.Items.Any(i => i.HasTypingProblem) || !draft.Items.Select(i => i.ToItem()).SequenceEqual(draft.Basis.Items))
            parts.Add("items: " + string.Join("; ", draft.Items.Select(i =>
                $"{i.QuantityText} × {(string.IsNullOrWhiteSpace(i.ProductName) ? "(no name)" : i.ProductName)} at {i.PriceText}")));
        return string.Join(", ", parts);
    }

    public static string Of(UserDraft draft)
    {
        var parts = new List<string>();
        if (draft.Email != draft.Basis.Email) parts.Add($"email {draft.Email}");
        if (draft.Name != draft.Basis.Name) parts.Add($"name {draft.Name}");
        if ((draft.AvatarUrl ?? "") != (draft.Basis.AvatarUrl ?? ""))
            parts.Add(string.IsNullOrEmpty(draft.AvatarUrl) ? "avatar removed" : $"avatar {draft.AvatarUrl}");
        return string.Join(", ", parts);
    }
}
