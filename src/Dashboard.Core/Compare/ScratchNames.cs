namespace Dashboard.Core.Compare;

/// <summary>
/// Names of scratch spaces: a prefix no real tenant uses, the run and the provider, in characters every backend
/// accepts for a table, database or file name (letters, digits, '_').
/// </summary>
public static class ScratchNames
{
    public const string Prefix = "cmpscratch_";

    public static string For(string runId, string providerKind) =>
        $"{Prefix}{runId.ToLowerInvariant()}_{new string(providerKind.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}";

    public static bool IsScratch(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);
}
