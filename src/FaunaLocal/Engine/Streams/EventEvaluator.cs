namespace FaunaLocal.Engine.Streams;

/// <summary>
/// Turns one committed transaction into the events of one event source, as Fauna decides them:
/// <list type="number">
/// <item>Each document the transaction wrote is compared before and after it. It was in the base set before
/// if it existed (and, for an index, had the index's terms); likewise after. In both, an index source only
/// sees a change of the index's terms or values; `all()` and a single document see every change.</item>
/// <item>Watched fields (`eventsOn`) keep a create whose fields are there, a delete whose fields all were, an
/// update that changed one of them.</item>
/// <item>The source's where/map stages run on the version after (against the state after the transaction)
/// and on the version before (against the state before it): kept after only is `add`, both is `update`,
/// before only is `remove`, neither is no event.</item>
/// </list>
/// A failure in a stage is an `error` event, and the last one. Ordinals number the transaction's documents,
/// so every source's cursors order the same way.
/// </summary>
public sealed class EventEvaluator(Store store, ImmutableArray<string> dbPath, EventSourceValue source)
{
    private const string WritesRefused = "Writes are not allowed in event sources: an event source's functions may only read.";
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);

    private enum Action { Create, Update, Delete }

    public IReadOnlyList<StreamEvent> Evaluate(CommittedTransaction txn)
    {
        var events = new List<StreamEvent>();
        for (var ord = 0; ord < txn.Changes.Length; ord++)
        {
            var change = txn.Changes[ord];
            if (change.Collection != source.Collection || !change.DbPath.SequenceEqual(dbPath)) continue;
            if (source.Document is { } only && only.Id != change.Id) continue;
            var e = Evaluate(txn, change, new EventCursor(txn.Ts, ord));
            if (e == null) continue;
            events.Add(e);
            if (e.IsError) break;
        }
        return events;
    }

    private StreamEvent? Evaluate(CommittedTransaction txn, DocumentChange change, EventCursor cursor)
    {
        var prev = Doc(txn.Before, change, txn.Ts - 1);
        var curr = Doc(txn.After, change, txn.Ts);
        var action = Classify(txn, prev, curr);
        if (action == null || !Watched(action.Value, prev, curr)) return null;

        var started = Stopwatch.GetTimestamp();
        var meter = new Metering();
        var deadline = QueryDeadline.In(EventTimeout);
        var after = new Interpreter(Transaction.At(store, dbPath, txn.After, txn.Ts, meter, deadline, WritesRefused), deadline);
        var before = new Interpreter(Transaction.At(store, dbPath, txn.Before, txn.Ts - 1, meter, deadline, WritesRefused), deadline);
        var doc = new DocRefValue(change.Collection, change.Id);
        Interpreter? failedIn = null;
        try
        {
            failedIn = after;
            var now = action != Action.Delete ? Transform(after, doc) : null;
            failedIn = before;
            var was = action != Action.Create ? Transform(before, doc) : null;
            var (type, value, interp) = (now, was) switch
            {
                ({ } n, null) => ("add", n, after),
                ({ } n, not null) => ("update", n, after),
                (null, { } w) => ("remove", w, before),
                _ => ((string?)null, (Value?)null, (Interpreter?)null),
            };
            if (type == null) return null;
            failedIn = interp;
            var data = Render(interp!, value!);
            return new StreamEvent(type, cursor, data, null, EventStats.Of(meter, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }
        catch (QueryException e)
        {
            byte[]? abort = null;
            if (e.AbortValue != null)
            {
                try { abort = Render(failedIn!, e.AbortValue); }
                catch (QueryException) { }
            }
            return StreamEvent.Failure(e.Code, e.Message, cursor, abort) with { Stats = EventStats.Of(meter, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds) };
        }
        catch (QueryTimeoutException)
        {
            return StreamEvent.Failure("time_out", $"Processing the event took longer than {EventTimeout.TotalSeconds:0} s.", cursor);
        }
        catch (Exception e) when (e is InvalidOperationException or StoreValueException or NullReferenceException or KeyNotFoundException)
        {
            // A bug, not the user's doing: end the stream as Fauna does, rather than dropping the connection.
            return StreamEvent.Failure("internal_error", $"Internal error while processing the event: {e.Message}", cursor);
        }
    }

    private Document? Doc(StoreState state, DocumentChange change, long ts)
    {
        var doc = state.Root.Navigate(dbPath)?.Collections.GetValueOrDefault(change.Collection)?.Docs.GetValueOrDefault(change.Id);
        return doc == null || doc.ExpiredAt(ts) ? null : doc;
    }

    /// <summary>Whether the document entered, stayed in (and changed there) or left the base set.</summary>
    private Action? Classify(CommittedTransaction txn, Document? prev, Document? curr)
    {
        bool wasIn = prev != null, isIn = curr != null;
        if (source.Index is { Index: { } name } index)
        {
            var def = (txn.After.Root.Navigate(dbPath) ?? txn.Before.Root.Navigate(dbPath))?.Collections.GetValueOrDefault(index.Collection)?.FindIndex(name);
            if (def == null) return null;
            var prevEntry = prev == null ? null : CollectionState.EntryFor(def, prev);
            var currEntry = curr == null ? null : CollectionState.EntryFor(def, curr);
            wasIn = prevEntry != null && SameTerms(prevEntry.Terms, index.Terms);
            isIn = currEntry != null && SameTerms(currEntry.Terms, index.Terms);
            // The index holds nothing else: a change to other fields leaves its entry, and its events, alone.
            if (wasIn && isIn && new IndexEntryComparer(def).Compare(prevEntry, currEntry) == 0) return null;
        }
        return (wasIn, isIn) switch
        {
            (false, true) => Action.Create,
            (true, true) => Action.Update,
            (true, false) => Action.Delete,
            _ => null,
        };
    }

    private static bool SameTerms(Value[] a, ImmutableArray<Value> b) => a.AsSpan().SequenceEqual(b.AsSpan(), ValueComparer.Instance);

    private bool Watched(Action action, Document? prev, Document? curr)
    {
        if (source.Watched.IsEmpty) return true;
        return action switch
        {
            Action.Create => source.Watched.Any(f => f.Read(curr!) is not NullValue),
            Action.Delete => source.Watched.All(f => f.Read(prev!) is not NullValue),
            _ => source.Watched.Any(f => !ValueComparer.Instance.Equals(f.Read(prev!), f.Read(curr!))),
        };
    }

    /// <summary>The document through the source's stages: what the event carries, or null when a where drops it.</summary>
    private Value? Transform(Interpreter interp, DocRefValue doc)
    {
        Value value = doc;
        foreach (var stage in source.Set.Stages)
        {
            switch (stage)
            {
                case WhereStage w:
                    if (!interp.Truthy(interp.Invoke(w.Predicate, [value], -1), "where")) return null;
                    break;
                case MapStage m:
                    value = interp.Invoke(m.Mapper, [value], -1);
                    break;
            }
        }
        return value;
    }

    private static byte[] Render(Interpreter interp, Value value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, JsonOutput.Options)) new WireWriter(interp, tagged: true).WriteResult(w, value);
        return buffer.WrittenSpan.ToArray();
    }
}
