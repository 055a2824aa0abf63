namespace Dashboard.Core.Files;

/// <summary>
/// Where a SQLite database named in configuration lives (the sandbox tenant's and the app store's alike): a
/// relative file is under the app's content root, the repository root in development, so it lands in the
/// git-ignored <c>.data/</c> whatever the working directory; <c>:memory:</c> is no file at all.
/// </summary>
public static class SqliteDataSource
{
    public static bool IsInMemory(string dataSource) => dataSource is "" or ":memory:";

    /// <summary>The data source with a relative file made absolute under <paramref name="contentRoot"/> (when there is one).</summary>
    public static string Resolve(string dataSource, string? contentRoot) =>
        IsInMemory(dataSource) || contentRoot is null || Path.IsPathRooted(dataSource) ? dataSource : Path.Combine(contentRoot, dataSource);

    /// <summary>Creates the folder the file goes in, if missing: SQLite creates the file but not its folder.</summary>
    public static void EnsureFolder(string dataSource)
    {
        if (IsInMemory(dataSource)) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
