using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Stores;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>
/// A real backend whose bulk loads number <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/>
/// − 1 fail as a backend that gave no answer in time: when <paramref name="landed"/>, after the load was written
/// (only the answer was lost), otherwise before anything was sent. Every other call passes straight through.
/// </summary>
internal sealed class UnansweredBulkLoads(IDataStore inner, int first, int count, bool landed) : DataStoreDecorator(inner)
{
    private int _calls, _unanswered;

    /// <summary>Bulk loads that got no answer.</summary>
    public int Unanswered => Volatile.Read(ref _unanswered);

    public override async Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct)
    {
        var call = Interlocked.Increment(ref _calls);
        var unanswered = call >= first && call - first < count;
        if (!unanswered || landed) await base.BulkLoadAsync(users, orders, ct);
        if (!unanswered) return;
        Interlocked.Increment(ref _unanswered);
        throw new BackendUnavailableException("migration-target", "test", "no answer in time");
    }
}
