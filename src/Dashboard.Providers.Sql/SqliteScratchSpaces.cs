using Dashboard.Core.Compare;
using Dashboard.Core.Files;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Providers.Sql;

/// <summary>Scratch sandboxes: a SQLite file of their own in the folder of the basis tenant's file.</summary>
public sealed class SqliteScratchSpaces(IHostEnvironment? environment = null) : IScratchSpaces
{
    public string Kind => "Sqlite";

    public Task<IReadOnlyDictionary<string, string?>> CreateAsync(TenantDescriptor basis, string name, CancellationToken ct)
    {
        // Only the file: the basis's other options (Mode=ReadWrite of a file that must exist) do not fit a new file.
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(Folder(basis), name + ".db") };
        SqliteDataSource.EnsureFolder(builder.DataSource);
        IReadOnlyDictionary<string, string?> settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [SqliteStoreProvider.ConnectionStringKey] = builder.ToString(),
        };
        return Task.FromResult(settings);
    }

    public Task DropAsync(TenantDescriptor basis, string name, CancellationToken ct)
    {
        var file = Path.Combine(Folder(basis), name + ".db");
        // Pooled connections keep the file open; only this file's pool is cleared.
        SqliteConnection.ClearPool(new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString()));
        foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
            File.Delete(path);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListAsync(TenantDescriptor basis, string prefix, CancellationToken ct)
    {
        var folder = Folder(basis);
        IReadOnlyList<string> names = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, prefix + "*.db").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList()
            : [];
        return Task.FromResult(names);
    }

    /// <summary>The absolute folder of the basis tenant's file (relative paths are under the content root, as the provider reads them).</summary>
    private string Folder(TenantDescriptor basis)
    {
        var source = new SqliteConnectionStringBuilder(basis.RequiredSetting(SqliteStoreProvider.ConnectionStringKey)).DataSource;
        if (SqliteDataSource.IsInMemory(source))
            throw new InvalidOperationException($"Tenant '{basis.Id}' is an in-memory SQLite database: there is no folder for scratch files beside it.");
        var resolved = SqliteDataSource.Resolve(source, environment?.ContentRootPath);
        return Path.GetDirectoryName(Path.GetFullPath(resolved)) ?? Directory.GetCurrentDirectory();
    }
}
