namespace FaunaLocal.Engine;

public sealed record QueryRequest(
    Expr Query,
    IReadOnlyDictionary<string, Value> Arguments,
    ImmutableArray<string> DbPath,
    bool ReadOnly,
    QueryDeadline Deadline,
    int MaxContentionRetries,
    bool Tagged,
    IOpsBudget? Budget = null);

public enum QueryOutcome { Success, Failed, TimedOut, Contended, Throttled }

public sealed record QueryResult(
    QueryOutcome Outcome,
    byte[]? Data,
    QueryException? Error,
    byte[]? AbortValue,
    Metering Meter,
    long TxnTs,
    long SchemaVersion,
    int ContentionRetries,
    IReadOnlyList<string> Logs,
    OpKind? ThrottledOn = null);

/// <summary>
/// Runs one query as one transaction: evaluate, render the result, commit. A query that writes after others
/// committed is rerun holding the writer lock (a contention retry); errors and aborts leave nothing behind.
/// </summary>
public sealed class QueryExecutor(Store store)
{
    public QueryResult Execute(QueryRequest request)
    {
        var retries = 0;
        var holdLock = false;
        while (true)
        {
            var meter = new Metering { Budget = request.Budget };
            var txn = new Transaction(store, request.DbPath, request.ReadOnly, holdLock, meter, request.Deadline);
            var interp = new Interpreter(txn, request.Deadline);
            var keepLock = false;
            try
            {
                var env = new Env(null);
                foreach (var (name, value) in request.Arguments) env.Define(name, value);
                var result = interp.Eval(request.Query, env);
                var data = Render(interp, result, request.Tagged);
                meter.ChargeCompute();
                // However fast the query ran, past its deadline it must not commit: the client has given up on it.
                if (request.Deadline.Passed) throw new QueryTimeoutException();
                txn.Commit();
                return new QueryResult(QueryOutcome.Success, data, null, null, meter, txn.TxnTs ?? txn.SnapshotTs, SchemaVersion(txn), retries, interp.Logs);
            }
            catch (RestartUnderLockException)
            {
                retries++;
                if (retries > request.MaxContentionRetries)
                {
                    txn.ReleaseLock();
                    return new QueryResult(QueryOutcome.Contended, null, null, null, meter, txn.SnapshotTs, SchemaVersion(txn), retries - 1, interp.Logs);
                }
                holdLock = keepLock = true;
                continue;
            }
            catch (QueryException e)
            {
                byte[]? abort = null;
                if (e.AbortValue != null)
                {
                    try { abort = Render(interp, e.AbortValue, request.Tagged); }
                    catch (QueryException inner) { e = inner; }
                    catch (OpsLimitException t)
                    {
                        return new QueryResult(QueryOutcome.Throttled, null, null, null, meter, txn.SnapshotTs, SchemaVersion(txn), retries, interp.Logs, t.Kind);
                    }
                }
                return new QueryResult(QueryOutcome.Failed, null, e, abort, meter, txn.SnapshotTs, SchemaVersion(txn), retries, interp.Logs);
            }
            catch (OpsLimitException e)
            {
                return new QueryResult(QueryOutcome.Throttled, null, null, null, meter, txn.SnapshotTs, SchemaVersion(txn), retries, interp.Logs, e.Kind);
            }
            catch (QueryTimeoutException)
            {
                return new QueryResult(QueryOutcome.TimedOut, null, null, null, meter, txn.SnapshotTs, SchemaVersion(txn), retries, interp.Logs);
            }
            finally
            {
                if (!keepLock) txn.ReleaseLock();
            }
        }
    }

    private static long SchemaVersion(Transaction txn) => txn.State.Root.Navigate(txn.DbPath)?.SchemaTs ?? 0;

    private static byte[] Render(Interpreter interp, Value value, bool tagged)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, JsonOutput.Options)) new WireWriter(interp, tagged).WriteResult(w, value);
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>Responses keep non-ASCII text and quotes readable instead of \u-escaping them.</summary>
public static class JsonOutput
{
    public static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
