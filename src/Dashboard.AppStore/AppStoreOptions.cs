namespace Dashboard.AppStore;

/// <summary>
/// <c>appsettings.json → AppStore</c>: where the dashboard keeps its own data (audit log, data-protection keys).
/// Provider "Sqlite" (default; a relative path is under the content root) or "MySql" (a dedicated database).
/// </summary>
public sealed class AppStoreOptions
{
    public const string Section = "AppStore";

    public string Provider { get; set; } = "Sqlite";

    public string ConnectionString { get; set; } = "Data Source=.data/dashboard.db";

    /// <summary>For MySql: the server version to speak, e.g. "10.11-mariadb" or "8.0-mysql". Left empty, MariaDB 10.11.</summary>
    public string? ServerVersion { get; set; }

    public bool IsSqlite => string.Equals(Provider, "Sqlite", StringComparison.OrdinalIgnoreCase);

    public bool IsMySql => string.Equals(Provider, "MySql", StringComparison.OrdinalIgnoreCase);
}
