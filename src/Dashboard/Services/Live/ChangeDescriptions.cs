using System.Globalization;

namespace Dashboard.Services.Live;

/// <summary>What moved between two stored versions, in a few words ("status Pending → Processing, 2 items").</summary>
public static class ChangeDescriptions
{
    public static string Of(Order before, Order after)
    {
        var parts = new List<string>();
        if (before.Status != after.Status) parts.Add($"status {before.Status} → {after.Status}");
        if (!before.Items.SequenceEqual(after.Items))
            parts.Add($"items changed, total {Money(before.Total)} → {Money(after.Total)} {after.Currency}");
        return string.Join("; ", parts);
    }

    public static string Of(User before, User after)
    {
        var parts = new List<string>();
        if (before.Name != after.Name) parts.Add($"name {before.Name} → {after.Name}");
        if (before.Email != after.Email) parts.Add($"email {before.Email} → {after.Email}");
        if (before.AvatarUrl != after.AvatarUrl) parts.Add("avatar changed");
        return string.Join("; ", parts);
    }

    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);
}
