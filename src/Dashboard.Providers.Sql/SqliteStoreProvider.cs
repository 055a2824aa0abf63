using Dashboard.Core.Files;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Providers.Sql;

/// <summary>
/// The embedded sandbox: <c>Settings:ConnectionString</c> is a SQLite connection string; a relative file path
/// is taken from the app's content root (<see cref="SqliteDataSource"/>), so the file lands in the git-ignored <c>.data/</c>.
/// </summary>
public sealed class SqliteStoreProvider(IHostEnvironment? environment = null) : IDataStoreProvider
{
    public const string ConnectionStringKey = "ConnectionString";

    /// <summary>The sandbox's name in pages, errors and metrics.</summary>
    public const string Product = StoreProducts.SqliteSandbox;

    public string Kind => "Sqlite";

    public string ProductName => Product;

    public IEnumerable<string> Validate(TenantDescriptor tenant)
    {
        if (SettingChecks.Required(tenant, ConnectionStringKey, $"\"Data Source=.data/{tenant.Id}.db\"") is { } missing)
        {
            yield return missing;
            yield break;
        }
        string? problem = null;
        try
        {
            if (string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(tenant.Setting(ConnectionStringKey)).DataSource)) problem = "names no Data Source";
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
        }
        if (problem is not null) yield return $"Settings:{ConnectionStringKey} is not a valid SQLite connection string: {problem}.";
    }

    public IDataStore Create(TenantDescriptor tenant) =>
        new SqlDataStore(tenant, new SqliteDialect(Resolve(tenant.RequiredSetting(ConnectionStringKey))));

    private string Resolve(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        builder.DataSource = SqliteDataSource.Resolve(builder.DataSource, environment?.ContentRootPath);
        // A busy writer makes others wait (up to the command timeout) instead of failing at once.
        builder.Pooling = true;
        return builder.ToString();
    }
}
