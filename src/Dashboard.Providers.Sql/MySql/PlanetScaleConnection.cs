using MySqlConnector;

namespace Dashboard.Providers.Sql.MySql;

/// <summary>
/// Connection settings as PlanetScale wants them: always pooled, each pooled connection retired well before
/// the 24 h at which the server side drops it, a short connect timeout so a dead backend is reported fast.
/// Values given in the tenant's connection string win over these defaults.
/// </summary>
internal static class PlanetScaleConnection
{
    public const uint DefaultLifetimeSeconds = 30 * 60;
    public const uint MaxLifetimeSeconds = 24 * 60 * 60 - 1;
    public const uint DefaultConnectTimeoutSeconds = 5;
    public const uint DefaultMaxPoolSize = 20;

    public static string WithDefaults(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString) { Pooling = true };
        if (!Given(builder, "ConnectionLifeTime")) builder.ConnectionLifeTime = DefaultLifetimeSeconds;
        if (!Given(builder, "ConnectionTimeout")) builder.ConnectionTimeout = DefaultConnectTimeoutSeconds;
        if (!Given(builder, "MaximumPoolSize")) builder.MaximumPoolSize = DefaultMaxPoolSize;
        return builder.ConnectionString;
    }

    /// <summary>Problems with a tenant's connection string, worded for the settings file.</summary>
    public static IEnumerable<string> Problems(string connectionString)
    {
        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            return [$"is not a valid MySQL connection string: {e.Message}"];
        }
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(builder.Server)) problems.Add("names no Server");
        if (string.IsNullOrWhiteSpace(builder.Database)) problems.Add("names no Database (one database per tenant)");
        if (Given(builder, "Pooling") && !builder.Pooling) problems.Add("turns Pooling off; PlanetScale needs pooled connections");
        if (builder.ConnectionLifeTime > MaxLifetimeSeconds) problems.Add("sets Connection Lifetime to 24 h or more; PlanetScale closes connections at 24 h");
        return problems;
    }

    private static bool Given(MySqlConnectionStringBuilder builder, string key) =>
        builder.ContainsKey(key);
}
