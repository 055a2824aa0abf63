using System.Collections;
using System.Data.Common;

namespace Dashboard.Providers.Sql.Interception;

/// <summary>
/// Passes a data reader through, counting the rows it hands out; when closed it reports them as rows read
/// and the statements' affected rows (batched INSERT/UPDATE/DELETE) as rows written to the call's usage.
/// The rows of a write batch's RETURNING clauses (MariaDB and SQLite hand back generated ids that way) are
/// the written rows themselves, not reads; the server leaves them out of the affected count.
/// </summary>
internal sealed class MeteredDataReader(DbDataReader inner, CallUsage? usage, bool returnedRowsAreWritten) : DbDataReader
{
    private long _rows;
    private bool _reported;

    /// <summary>After the inner reader is closed: only then has it consumed every result of a batch.</summary>
    private void Report()
    {
        if (_reported) return;
        _reported = true;
        var affected = Math.Max(0, inner.RecordsAffected);
        if (returnedRowsAreWritten) affected += (int)_rows;
        else usage?.Add(UsageUnit.RowsRead, _rows);
        if (affected > 0) usage?.Add(UsageUnit.RowsWritten, affected);
    }

    public override bool Read()
    {
        var more = inner.Read();
        if (more) _rows++;
        return more;
    }

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        var more = await inner.ReadAsync(cancellationToken);
        if (more) _rows++;
        return more;
    }

    public override void Close()
    {
        inner.Close();
        Report();
    }

    public override async Task CloseAsync()
    {
        await inner.CloseAsync();
        Report();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Close();
            Report();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.CloseAsync();
        Report();
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    public override object this[int ordinal] => inner[ordinal];
    public override object this[string name] => inner[name];
    public override int Depth => inner.Depth;
    public override int FieldCount => inner.FieldCount;
    public override bool HasRows => inner.HasRows;
    public override bool IsClosed => inner.IsClosed;
    public override int RecordsAffected => inner.RecordsAffected;
    public override int VisibleFieldCount => inner.VisibleFieldCount;
    public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);
    public override byte GetByte(int ordinal) => inner.GetByte(ordinal);
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);
    public override char GetChar(int ordinal) => inner.GetChar(ordinal);
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);
    public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);
    public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);
    public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);
    public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);
    public override IEnumerator GetEnumerator() => inner.GetEnumerator();
    public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);
    public override T GetFieldValue<T>(int ordinal) => inner.GetFieldValue<T>(ordinal);
    public override Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken) => inner.GetFieldValueAsync<T>(ordinal, cancellationToken);
    public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);
    public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);
    public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);
    public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);
    public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);
    public override string GetName(int ordinal) => inner.GetName(ordinal);
    public override int GetOrdinal(string name) => inner.GetOrdinal(name);
    public override string GetString(int ordinal) => inner.GetString(ordinal);
    public override Stream GetStream(int ordinal) => inner.GetStream(ordinal);
    public override TextReader GetTextReader(int ordinal) => inner.GetTextReader(ordinal);
    public override object GetValue(int ordinal) => inner.GetValue(ordinal);
    public override int GetValues(object[] values) => inner.GetValues(values);
    public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);
    public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => inner.IsDBNullAsync(ordinal, cancellationToken);
    public override bool NextResult() => inner.NextResult();
    public override Task<bool> NextResultAsync(CancellationToken cancellationToken) => inner.NextResultAsync(cancellationToken);
    public override System.Data.DataTable? GetSchemaTable() => inner.GetSchemaTable();
}
