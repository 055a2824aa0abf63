using System.Runtime.CompilerServices;
using Dashboard.Core.Live;
using Dashboard.Core.Stores;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>
/// A real backend whose change feed breaks after its first change and then refuses the cursor it handed out, as
/// a backend does once a stream's position has expired (DynamoDB trims a stream after 24 hours). Every store call
/// and every change before the break passes straight through.
/// </summary>
internal sealed class CutFeedDataStore(IDataStore inner) : DataStoreDecorator(inner), IChangeFeed
{
    private readonly IChangeFeed _feed = DataStoreCapabilities.Find<IChangeFeed>(inner) ?? throw new ArgumentException("the store has no change feed");
    private int _cut;

    /// <summary>Whether the feed broke (a change reached it and was the last).</summary>
    public bool Cut => Volatile.Read(ref _cut) == 1;

    public bool Follows(WatchKind kind) => _feed.Follows(kind);

    public async IAsyncEnumerable<DataChange> WatchAsync(WatchTarget target, string? after, IChangeFeedReads reads, [EnumeratorCancellation] CancellationToken ct)
    {
        if (after is not null) throw new ArgumentException("The cursor expired: the stream no longer holds that position.", nameof(after));
        await foreach (var change in _feed.WatchAsync(target, after, reads, ct))
        {
            yield return change;
            Volatile.Write(ref _cut, 1);
            throw new Core.Errors.BackendUnavailableException("migration", "test", "the stream's connection dropped");
        }
    }
}
