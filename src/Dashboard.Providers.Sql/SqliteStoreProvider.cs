using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql.Dialects;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Providers.Sql;

/// <summary>
/// The embedded sandbox: <c>Settings:ConnectionString</c> is a SQLite connection string; a relative file path
/// is taken from the app's content root (the repository root), so the file lands in the git-ignored <c>.data/</c>.
/// </summary>
public sealed class SqliteStoreProvider(IHostEnvironment? environment = null) : IDataStoreProvider
{
    public const string ConnectionStringKey = "ConnectionString";

    public string Kind => "Sqlite";

    public string ProductName => "SQLite sandbox";

    public IEnumerable<string> Validate(TenantDescriptor tenant)
    {
        var value = tenant.Setting(ConnectionStringKey);
        if (value is null)
        {
            yield return $"Settings:{ConnectionStringKey} is required (e.g. \"Data Source=.data/{tenant.Id}.db\").";
            yield break;
        }
        string? problem = null;
        try
        {
            if (string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(value).DataSource)) problem = "names no Data Source";
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
        if (environment is not null && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.Combine(environment.ContentRootPath, builder.DataSource);
        // A busy writer makes others wait (up to the command timeout) instead of failing at once.
        builder.Pooling = true;
        return builder.ToString();
    }
}
