using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Providers.Sql.Interception;

/// <summary>
/// On every command of a tenant's store: appends the SQLCommenter tag (tenant, action = the store operation)
/// and reports rows read (rows a reader returned) and rows written (rows affected) to the metering scope
/// of the call in progress (<see cref="UsageScope"/>, provider-neutral, in Core).
/// </summary>
internal sealed partial class TagAndMeterInterceptor(string tenantId) : DbCommandInterceptor
{
    [GeneratedRegex(@"(?:^|;)\s*(?:/\*.*?\*/\s*)?(\w+)", RegexOptions.Singleline)]
    private static partial Regex StatementVerb();

    /// <summary>A write batch (INSERT/UPDATE/DELETE, Pomelo may lead with SET AUTOCOMMIT) whose result rows come from RETURNING.</summary>
    internal static bool ReturnsWrittenRows(string sql) =>
        sql.Contains("RETURNING", StringComparison.OrdinalIgnoreCase)
        && StatementVerb().Matches(sql).All(m => m.Groups[1].Value.ToUpperInvariant() is "INSERT" or "UPDATE" or "DELETE" or "SET" or "");

    private static DbDataReader Metered(DbCommand command, DbDataReader reader) =>
        new MeteredDataReader(reader, UsageScope.Current, ReturnsWrittenRows(command.CommandText));

    private void Tag(DbCommand command, CommandEventData data)
    {
        var action = (data.Context as DashboardDbContext)?.Operation ?? "unknown";
        command.CommandText = SqlCommenter.Tag(command.CommandText, SqlCommenter.Comment(new Dictionary<string, string>
        {
            ["tenant"] = tenantId,
            ["action"] = action,
        }));
    }

    private T Tagged<T>(DbCommand command, CommandEventData eventData, T result)
    {
        Tag(command, eventData);
        return result;
    }

    private static void Written(int rows)
    {
        if (rows > 0) UsageScope.Add(UsageUnit.RowsWritten, rows);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Tagged(command, eventData, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Tagged(command, eventData, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Tagged(command, eventData, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Tagged(command, eventData, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Tagged(command, eventData, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Tagged(command, eventData, result));

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) =>
        Metered(command, result);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Metered(command, result));

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Written(result);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Written(result);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        if (result is not null and not DBNull) UsageScope.Add(UsageUnit.RowsRead, 1);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ScalarExecuted(command, eventData, result));
}
