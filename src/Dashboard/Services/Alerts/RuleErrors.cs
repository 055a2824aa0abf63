namespace Dashboard.Services.Alerts;

/// <summary>The validator's messages for one field of the rules form: its own key's, and those of keys under it (a list's entries, named).</summary>
public static class RuleErrors
{
    public static IReadOnlyList<string> For(IReadOnlyDictionary<string, string[]> errors, string key) =>
        errors.Where(e => e.Key == key || e.Key.StartsWith(key + ":", StringComparison.Ordinal))
            .SelectMany(e => e.Value.Select(m => e.Key == key ? Capital(m) : $"{e.Key[(key.Length + 1)..]} {m}"))
            .ToList();

    private static string Capital(string m) => m.Length == 0 ? m : char.ToUpperInvariant(m[0]) + m[1..];
}
