using Dashboard.Providers.Sql.MySql;

namespace Dashboard.Providers.Sql;

/// <summary>
/// Tenants on PlanetScale (MySQL / Vitess), or a MySQL-compatible server such as the local MariaDB stand-in.
/// <c>Settings:ConnectionString</c> is a MySqlConnector connection string naming the tenant's database;
/// optional <c>Settings:ServerVersion</c> (e.g. "8.0.34-mysql") when the server is not MariaDB 10.11.
/// </summary>
public sealed class PlanetScaleStoreProvider : IDataStoreProvider
{
    public const string ConnectionStringKey = "ConnectionString";
    public const string ServerVersionKey = "ServerVersion";

    /// <summary>PlanetScale's name in pages, errors and metrics (a MySQL-compatible stand-in goes by it too).</summary>
    public const string Product = StoreProducts.PlanetScale;

    public string Kind => "PlanetScale";

    public string ProductName => Product;

    public IEnumerable<string> Validate(TenantDescriptor tenant)
    {
        var example = $"\"Server=127.0.0.1;Port=3306;Database={tenant.Id};User ID=app;Password=...\"";
        if (SettingChecks.Required(tenant, ConnectionStringKey, example) is { } missing)
        {
            yield return missing;
            yield break;
        }
        foreach (var problem in PlanetScaleConnection.Problems(tenant.RequiredSetting(ConnectionStringKey)))
            yield return $"Settings:{ConnectionStringKey} {problem}.";
        if (tenant.Setting(ServerVersionKey) is { } version && !ServerVersion.TryParse(version, out _))
            yield return $"Settings:{ServerVersionKey} '{version}' is not a server version such as \"10.11-mariadb\" or \"8.0.34-mysql\".";
    }

    public IDataStore Create(TenantDescriptor tenant)
    {
        var version = tenant.Setting(ServerVersionKey) is { } v ? ServerVersion.Parse(v) : MySqlDialect.DefaultServerVersion;
        return new SqlDataStore(tenant, new MySqlDialect(tenant.RequiredSetting(ConnectionStringKey), version, tenant.Id));
    }
}
