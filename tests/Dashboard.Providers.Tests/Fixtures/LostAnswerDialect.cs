using System.Data.Common;
using Dashboard.Providers.Sql.Dialects;
using Dashboard.Providers.Sql.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Providers.Tests.Fixtures;

/// <summary>
/// A real SQL dialect whose next <see cref="LoseNext"/> writes lose their answer: the statement runs and commits
/// (a write outside a transaction, or a transaction's COMMIT), then the client sees a dropped connection, which
/// the execution strategy retries by replaying the whole call.
/// </summary>
public sealed class LostAnswerDialect(ISqlDialect inner) : ISqlDialect
{
    private readonly AnswerLoser _loser = new();

    public int LoseNext
    {
        get => _loser.LoseNext;
        set => _loser.LoseNext = value;
    }

    /// <summary>How many answers were dropped so far.</summary>
    public int Lost => _loser.Lost;

    public string ProductName => inner.ProductName;

    public void ReleaseConnections() => inner.ReleaseConnections();

    public void Configure(DbContextOptionsBuilder options)
    {
        inner.Configure(options);
        options.AddInterceptors(_loser);
    }

    public Task EnsureSchemaAsync(DashboardDbContext db, CancellationToken ct) => inner.EnsureSchemaAsync(db, ct);
    public bool IsUniqueViolation(Exception e) => inner.IsUniqueViolation(e);
    public bool IsUnavailable(Exception e) => inner.IsUnavailable(e);
    public string? ThrottleCause(Exception e) => inner.ThrottleCause(e);
    public string? RejectedColumn(Exception e) => inner.RejectedColumn(e);
    public Task<long?> ApproximateUserCountAsync(DashboardDbContext db, CancellationToken ct) => inner.ApproximateUserCountAsync(db, ct);
    public Task<Dashboard.Core.Stores.OrderStatusCounts> OrderStatusCountsAsync(DashboardDbContext db, CancellationToken ct) => inner.OrderStatusCountsAsync(db, ct);
    public Task<long?> StorageBytesAsync(DashboardDbContext db, CancellationToken ct) => inner.StorageBytesAsync(db, ct);

    private sealed class AnswerLoser : IDbCommandInterceptor, IDbTransactionInterceptor
    {
        private int _loseNext, _lost;

        public int LoseNext
        {
            get => Volatile.Read(ref _loseNext);
            set => Volatile.Write(ref _loseNext, value);
        }

        public int Lost => Volatile.Read(ref _lost);

        private static bool IsAutocommittedWrite(DbCommand command) =>
            command.Transaction is null && (command.CommandText.Contains("INSERT ", StringComparison.Ordinal)
                                            || command.CommandText.Contains("UPDATE ", StringComparison.Ordinal));

        private void MaybeLose()
        {
            if (Interlocked.Decrement(ref _loseNext) < 0)
            {
                Interlocked.Exchange(ref _loseNext, 0);
                return;
            }
            Interlocked.Increment(ref _lost);
            throw new IOException("Connection reset by peer after the write committed (answer lost).");
        }

        public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken ct = default)
        {
            if (IsAutocommittedWrite(command)) MaybeLose();
            return ValueTask.FromResult(result);
        }

        public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken ct = default)
        {
            if (IsAutocommittedWrite(command)) MaybeLose();
            return ValueTask.FromResult(result);
        }

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
        {
            MaybeLose();
            return Task.CompletedTask;
        }
    }
}
