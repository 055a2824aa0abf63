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

    /// <summary>The entry's fields; JSON that cannot be read (a damaged row) shows as one "raw" field instead of failing the page.</summary>
    private static Dictionary<string, string?> Fields(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return new() { ["raw"] = json };
            var fields = new Dictionary<string, string?>();
            foreach (var p in doc.RootElement.EnumerateObject()) fields[p.Name] = Text(p.Value); // a repeated name keeps the last
            return fields;
        }
        catch (JsonException)
        {
            return new() { ["raw"] = json };
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array when value.EnumerateArray().All(IsItem) =>
            string.Join(", ", value.EnumerateArray().Select(i => $"{i.GetProperty("quantity")} × {i.GetProperty("productName")} at {i.GetProperty("unitPrice")}")),
        _ => value.GetRawText(),
    };

    private static bool IsItem(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("quantity", out _) && e.TryGetProperty("productName", out _) && e.TryGetProperty("unitPrice", out _);
}
