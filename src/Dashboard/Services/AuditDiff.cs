using System.Text.Json;

namespace Dashboard.Services;

/// <summary>What an audit entry changed, field by field, for people to read (the JSON stays in the entry).</summary>
public static class AuditDiff
{
    /// <summary>Fields that change on every write and say nothing on their own.</summary>
    private static readonly HashSet<string> Noise = new(StringComparer.OrdinalIgnoreCase) { "updatedAt", "version" };

    public sealed record Change(string Field, string? Before, string? After);

    public static IReadOnlyList<Change> Changes(string? beforeJson, string? afterJson)
    {
        var before = Fields(beforeJson);
        var after = Fields(afterJson);
        return before.Keys.Union(after.Keys)
            .Where(k => !Noise.Contains(k) || before.Count == 0 || after.Count == 0)
            .Select(k => new Change(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .Where(c => c.Before != c.After)
            .ToList();
    }

    private static Dictionary<string, string?> Fields(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => Text(p.Value));
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array when value.EnumerateArray().All(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("quantity", out _)) =>
            string.Join(", ", value.EnumerateArray().Select(i => $"{i.GetProperty("quantity")} × {i.GetProperty("productName").GetString()} at {i.GetProperty("unitPrice")}")),
        _ => value.GetRawText(),
    };
}
