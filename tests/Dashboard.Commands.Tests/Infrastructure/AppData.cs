namespace Dashboard.Commands.Tests.Infrastructure;

/// <summary>
/// A fresh data folder for the app's own files (the sandbox tenant's SQLite file, the app store), given to the
/// commands as environment variables the way the README configures the app. The repository's .data/ is left alone,
/// and each run starts like a fresh clone.
/// </summary>
public sealed class AppData : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("dashboard-commands-").FullName;

    public Dictionary<string, string?> Environment() => new()
    {
        ["Tenants__sandbox__Settings__ConnectionString"] = $"Data Source={Path.Combine(Folder, "sandbox.db")}",
        ["AppStore__ConnectionString"] = $"Data Source={Path.Combine(Folder, "dashboard.db")}",
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file a finished process still held is left to the temp folder's cleaner.
        }
    }
}
