using Dashboard.Core.Compare;
using MySqlConnector;

namespace Dashboard.Providers.Sql;

/// <summary>
/// Scratch PlanetScale tenants: a database of their own on the basis tenant's server, reached with its account
/// (which needs CREATE and DROP there). The store's schema step creates the database itself.
/// </summary>
public sealed class MySqlScratchSpaces : IScratchSpaces
{
    public string Kind => "PlanetScale";

    public Task<IReadOnlyDictionary<string, string?>> CreateAsync(TenantDescriptor basis, string name, CancellationToken ct)
    {
        var builder = new MySqlConnectionStringBuilder(basis.RequiredSetting(PlanetScaleStoreProvider.ConnectionStringKey)) { Database = Checked(name) };
        var settings = new Dictionary<string, string?>(basis.Settings, StringComparer.OrdinalIgnoreCase)
        {
            [PlanetScaleStoreProvider.ConnectionStringKey] = builder.ConnectionString,
        };
        settings.Remove("SeedDemoData");
        return Task.FromResult<IReadOnlyDictionary<string, string?>>(settings);
    }

    public async Task DropAsync(TenantDescriptor basis, string name, CancellationToken ct)
    {
        await using var connection = await OpenServerAsync(basis, ct);
        await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{Checked(name)}`", connection);
        await drop.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<string>> ListAsync(TenantDescriptor basis, string prefix, CancellationToken ct)
    {
        await using var connection = await OpenServerAsync(basis, ct);
        await using var list = new MySqlCommand("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE CONCAT(@prefix, '%')", connection);
        list.Parameters.AddWithValue("@prefix", Checked(prefix).Replace("_", "\\_"));
        var names = new List<string>();
        await using var reader = await list.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }

    private static async Task<MySqlConnection> OpenServerAsync(TenantDescriptor basis, CancellationToken ct)
    {
        var builder = new MySqlConnectionStringBuilder(basis.RequiredSetting(PlanetScaleStoreProvider.ConnectionStringKey)) { Database = "" };
        var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>Names are quoted into DDL, so only the scratch alphabet is let through.</summary>
    private static string Checked(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : throw new ArgumentException($"'{name}' is not a scratch database name (letters, digits and '_', at most 64).", nameof(name));
}
