using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Dashboard.AppStore;

/// <summary>
/// Fails start-up when the AppStore section cannot work, instead of an unknown provider quietly meaning SQLite
/// or a bad connection string failing on the first audit write.
/// </summary>
public sealed class AppStoreOptionsValidator : IValidateOptions<AppStoreOptions>
{
    private const string S = AppStoreOptions.Section;

    public ValidateOptionsResult Validate(string? name, AppStoreOptions o)
    {
        if (!o.IsSqlite && !o.IsMySql)
            return ValidateOptionsResult.Fail($"{S}:Provider '{o.Provider}' is not known (Sqlite or MySql).");
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(o.ConnectionString))
            failures.Add(o.IsMySql
                ? $"{S}:ConnectionString is required for MySql (e.g. Server=…;Database=…;User ID=…;Password=…)."
                : $"{S}:ConnectionString is required for Sqlite (e.g. Data Source=.data/dashboard.db); empty would keep the audit log in memory.");
        else if (ConnectionStringProblem(o) is { } problem)
            failures.Add($"{S}:ConnectionString is not a valid {o.Provider} connection string: {problem}");
        if (o.IsMySql && !string.IsNullOrWhiteSpace(o.ServerVersion) && !ServerVersion.TryParse(o.ServerVersion, out _))
            failures.Add($"{S}:ServerVersion '{o.ServerVersion}' is not a server version (e.g. 10.11-mariadb or 8.0-mysql).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? ConnectionStringProblem(AppStoreOptions o)
    {
        try
        {
            if (o.IsMySql) _ = new DbConnectionStringBuilder { ConnectionString = o.ConnectionString };
            else _ = new SqliteConnectionStringBuilder(o.ConnectionString);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return e.Message;
        }
    }
}
