using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace FaunaLocal.Engine.Streams;

/// <summary>
/// Reads one event source's events from the commit history, after a cursor and up to a time. Subscribers of
/// the same source in the same database share the work: each transaction's events for a source are computed
/// once and kept alongside the transaction while it stays in the history.
/// </summary>
public sealed class EventReader(Store store, ImmutableArray<string> dbPath, EventSourceValue source)
{
    private const int TransactionsPerRead = 256;
    private static readonly ConditionalWeakTable<CommittedTransaction, ConcurrentDictionary<string, Lazy<IReadOnlyList<StreamEvent>>>> Shared = new();

    private readonly EventEvaluator _evaluator = new(store, dbPath, source);
    private readonly string _key = string.Join('/', dbPath) + "\n" + EventSourceToken.SourceKey(source);

    /// <summary>
    /// The events after the cursor, transaction by transaction, from transactions committed at or before upTo.
    /// Each item is a transaction's time and its events (often none). Stops after an error event. Returns
    /// null when the history no longer reaches back to the cursor.
    /// </summary>
    public IEnumerable<(long Ts, IReadOnlyList<StreamEvent> Events)>? After(EventCursor after, long upTo)
    {
        var first = new List<CommittedTransaction>();
        var from = after.Ord == EventCursor.After ? after.Ts : after.Ts - 1;
        if (!store.History.TryRead(from, TransactionsPerRead, first)) return null;
        return Read(after, upTo, first);
    }

    private IEnumerable<(long, IReadOnlyList<StreamEvent>)> Read(EventCursor after, long upTo, List<CommittedTransaction> batch)
    {
        while (batch.Count > 0)
        {
            foreach (var txn in batch)
            {
                if (txn.Ts > upTo) yield break;
                var events = EventsOf(txn);
                if (txn.Ts == after.Ts) events = [.. events.Where(e => e.Cursor > after)];
                yield return (txn.Ts, events);
                if (events.Count > 0 && events[^1].IsError) yield break;
            }
            var last = batch[^1].Ts;
            batch = [];
            if (!store.History.TryRead(last, TransactionsPerRead, batch))
            {
                yield return (last, [StreamEvent.Failure("stream_overflow", "Too many events to process.")]);
                yield break;
            }
        }
    }

    private IReadOnlyList<StreamEvent> EventsOf(CommittedTransaction txn)
    {
        var perSource = Shared.GetOrCreateValue(txn);
        return perSource.GetOrAdd(_key, _ => new Lazy<IReadOnlyList<StreamEvent>>(() => _evaluator.Evaluate(txn))).Value;
    }
}
